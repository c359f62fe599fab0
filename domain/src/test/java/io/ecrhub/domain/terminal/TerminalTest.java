package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.TerminalFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalTest {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  @Test
  void defaults_httpsOnPort9001EncryptedHalfCloseNew() {
    Terminal t =
        Terminal.builder()
            .id(TerminalId.of("till-1"))
            .name("  Till 1 ")
            .host("192.168.1.20")
            .posKey(TerminalFixture.testPosKey())
            .createdAt(T0)
            .build();

    assertThat(t.transport()).isEqualTo(Transport.HTTPS);
    assertThat(t.port()).isEqualTo(9001);
    assertThat(t.encryption()).isTrue();
    assertThat(t.model()).isEqualTo(TerminalModel.UNKNOWN);
    assertThat(t.tcpFraming()).isEqualTo(TcpFraming.HALF_CLOSE);
    assertThat(t.status()).isEqualTo(TerminalStatus.NEW);
    assertThat(t.name()).isEqualTo("Till 1");
    assertThat(t.updatedAt()).isEqualTo(T0);
    assertThat(t.version()).isZero();
  }

  @Test
  void tcpDefaultsToPort9002() {
    Terminal t = TerminalFixture.builder().transport(Transport.TCP).port(null).build();

    assertThat(t.port()).isEqualTo(9002);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "host/path", "host;rm", "h\u00f6st"})
  void badHosts_areRefused(String host) {
    assertThatThrownBy(() -> TerminalFixture.builder().host(host).build())
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_HOST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.20", "till-1.shop.local", "::1", "[fe80::1]"})
  void ipAddressesAndHostNames_areAccepted(String host) {
    assertThat(TerminalFixture.builder().host(host).build().host()).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void portsOutOfRange_areRefused(int port) {
    assertThatThrownBy(() -> TerminalFixture.builder().port(port).build())
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_PORT");
  }

  @Test
  void names_mustBePresentAndShort() {
    assertThatThrownBy(() -> TerminalFixture.builder().name(" ").build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> TerminalFixture.builder().name("x".repeat(101)).build())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void storeIds_areValidatedAndBlankMeansNone() {
    assertThat(TerminalFixture.builder().storeId(" ").build().storeId()).isEmpty();
    assertThat(TerminalFixture.builder().storeId("north-1").build().storeId()).contains("north-1");
    assertThatThrownBy(() -> TerminalFixture.builder().storeId("north 1").build())
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/ttyUSB0", "/dev/serial/by-id/usb-Prolific", "COM3"})
  void serial_takesADevicePathAndNoPort(String path) {
    Terminal t = TerminalFixture.builder().transport(Transport.SERIAL).host(path).port(0).build();

    assertThat(t.host()).isEqualTo(path);
    assertThat(t.port()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ttyUSB0", "192.168.1.20", "COM", "com3"})
  void serial_refusesWhatIsNotADevicePath(String path) {
    assertThatThrownBy(
            () -> TerminalFixture.builder().transport(Transport.SERIAL).host(path).port(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("device path");
  }

  @Test
  void https_needsHaojin4_34_12() {
    assertThatThrownBy(
            () -> TerminalFixture.builder().appVersion(AppVersion.parse("4.34.11")).build())
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("HTTPS_NEEDS_NEWER_APP");
    assertThat(TerminalFixture.builder().appVersion(AppVersion.parse("4.34.12")).build())
        .isNotNull();
    assertThat(TerminalFixture.builder().appVersion(AppVersion.parse("5.0.0")).build()).isNotNull();
    assertThat(TerminalFixture.builder().appVersion(null).build().appVersion()).isEmpty();
  }

  @Test
  void olderApp_isFineOverHttpButCannotMoveToHttps() {
    Terminal t =
        TerminalFixture.builder()
            .transport(Transport.HTTP)
            .appVersion(AppVersion.parse("4.33.24"))
            .build();

    assertThatThrownBy(() -> t.moveTo("192.168.1.20", 9001, Transport.HTTPS))
        .isInstanceOf(ValidationException.class);
    assertThat(t.transport()).as("unchanged after the refusal").isEqualTo(Transport.HTTP);
  }

  @Test
  void downgradingTheAppOfAnHttpsTerminal_isRefusedAndLeavesItUnchanged() {
    Terminal t = TerminalFixture.terminal();

    assertThatThrownBy(() -> t.setAppVersion(AppVersion.parse("4.30.8")))
        .isInstanceOf(ValidationException.class);
    assertThat(t.appVersion()).contains(AppVersion.HTTPS_MINIMUM);
  }

  @Test
  void requireSupports_paxRefusesCardsBeforeTheWire() {
    Terminal pax = TerminalFixture.builder().model(TerminalModel.PAX_A920).build();

    assertThatThrownBy(() -> pax.requireSupports(Channel.CARD_PAYMENT))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("PAX A920")
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CHANNEL_NOT_SUPPORTED");
    pax.requireSupports(Channel.WX);
    TerminalFixture.terminal().requireSupports(Channel.CARD_PAYMENT);
  }

  @Test
  void observe_recordsTheStatusAndSaysWhetherItChanged() {
    Terminal t = TerminalFixture.terminal();

    assertThat(t.observe(TerminalStatus.ONLINE, null, T0.plusSeconds(1))).isTrue();
    assertThat(t.observe(TerminalStatus.ONLINE, null, T0.plusSeconds(2))).isFalse();
    assertThat(t.observe(TerminalStatus.KEY_MISMATCH, "respcd 4003", T0.plusSeconds(3))).isTrue();
    assertThat(t.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(t.statusDetail()).contains("respcd 4003");
    assertThat(t.updatedAt()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void disabledTerminal_staysDisabledWhateverItAnswers() {
    Terminal t = TerminalFixture.terminal();
    t.disable(T0);

    assertThat(t.observe(TerminalStatus.ONLINE, null, T0.plusSeconds(1))).isFalse();
    assertThat(t.isDisabled()).isTrue();

    t.enable(T0.plusSeconds(2));
    assertThat(t.status()).isEqualTo(TerminalStatus.NEW);
  }

  @Test
  void toBuilder_copiesEveryFieldAndWithVersionOnlyTheVersion() {
    Terminal t =
        TerminalFixture.builder()
            .storeId("north")
            .deviceId("dev-1")
            .tcpFraming(TcpFraming.USB_FRAME)
            .status(TerminalStatus.ONLINE)
            .statusDetail("ok")
            .updatedAt(T0.plusSeconds(9))
            .version(4)
            .build();

    Terminal copy = t.withVersion(5);

    assertThat(copy).isNotSameAs(t);
    assertThat(copy.version()).isEqualTo(5);
    assertThat(copy.toBuilder().version(4).build()).usingRecursiveComparison().isEqualTo(t);
  }

  @Test
  void toString_neverShowsTheKey() {
    assertThat(TerminalFixture.terminal().toString())
        .doesNotContain(TerminalFixture.TEST_POS_KEY_TEXT);
  }
}
