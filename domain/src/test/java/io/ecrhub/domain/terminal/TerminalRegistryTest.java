package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryAddressHistory;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.SequenceIds;
import io.ecrhub.domain.testing.TerminalFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalRegistryTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryCertificatePins pins = new InMemoryCertificatePins();
  private final InMemoryAddressHistory addresses = new InMemoryAddressHistory();
  private Optional<String> unfinished = Optional.empty();
  private final TerminalRegistry registry =
      new TerminalRegistry(
          terminals,
          pins,
          addresses,
          id -> unfinished,
          new DirectUnitOfWork(),
          new SequenceIds("n"),
          clock);

  private static RegisterTerminal.Command registration(Transport transport, String deviceId) {
    return new RegisterTerminal.Command(
        "Front till",
        "10.0.0.7",
        null,
        transport,
        TerminalFixture.testPosKey(),
        null,
        null,
        "store-1",
        null,
        deviceId,
        null);
  }

  private static ChangeTerminal.Command move(String host) {
    return new ChangeTerminal.Command(
        null, host, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void register_defaultsToHttpsOnItsPort_andAnUnknownModel() {
    Terminal t = registry.register(registration(null, "SN-1"));

    assertThat(t.id().value()).startsWith("trm_");
    assertThat(t.transport()).isEqualTo(Transport.HTTPS);
    assertThat(t.port()).isEqualTo(Transport.HTTPS.defaultPort());
    assertThat(t.model()).isEqualTo(TerminalModel.UNKNOWN);
    assertThat(t.status()).isEqualTo(TerminalStatus.NEW);
    assertThat(terminals.findByDeviceId("SN-1")).map(Terminal::id).contains(t.id());
  }

  @Test
  void register_takesTheTypedTransport_onItsDefaultPort() {
    Terminal t = registry.register(registration(Transport.HTTP, null));

    assertThat(t.transport()).isEqualTo(Transport.HTTP);
    assertThat(t.port()).isEqualTo(Transport.HTTP.defaultPort());
    assertThat(t.deviceId()).isEmpty();
  }

  @Test
  void register_refusesADeviceAlreadyRegistered() {
    registry.register(registration(null, "SN-1"));

    assertThatThrownBy(() -> registry.register(registration(null, "SN-1")))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("DUPLICATE_DEVICE_ID");
    assertThat(terminals.all()).hasSize(1);
  }

  @Test
  void commands_refuseADeviceIdTheRegistryCannotHold_andReadBlankAsNone() {
    assertThatThrownBy(() -> registration(null, "SN 1"))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_DEVICE_ID");
    assertThat(registration(null, "  ").deviceId()).isNull();
    assertThat(
            new ChangeTerminal.Command(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Optional.of(" "),
                    null,
                    null,
                    null)
                .deviceId())
        .isEmpty();
  }

  @Test
  void change_thatMovesTheTerminal_clearsItsPin_andRecordsTheMove() {
    Terminal t = registry.register(registration(null, null));
    pins.pinFirst(t.id(), leaf(), clock.instant());
    clock.advance(Duration.ofMinutes(5));

    Terminal moved = registry.change(t.id(), move("10.0.0.8"));

    assertThat(moved.host()).isEqualTo("10.0.0.8");
    assertThat(pins.find(t.id())).isEmpty();
    assertThat(addresses.history(t.id()))
        .extracting(AddressSighting::ip)
        .containsExactlyInAnyOrder("10.0.0.7", "10.0.0.8");
  }

  @Test
  void change_thatKeepsTheAddress_keepsThePin() {
    Terminal t = registry.register(registration(null, null));
    pins.pinFirst(t.id(), leaf(), clock.instant());

    registry.change(
        t.id(),
        new ChangeTerminal.Command(
            "Back till",
            null,
            null,
            null,
            null,
            false,
            TerminalModel.PAX_A920,
            null,
            Optional.of(AppVersion.HTTPS_MINIMUM),
            null,
            null,
            Optional.of(Currencies.of(List.of("HKD", "USD"))),
            null));

    Terminal changed = registry.get(t.id());
    assertThat(changed.name()).isEqualTo("Back till");
    assertThat(changed.encryption()).isFalse();
    assertThat(changed.model()).isEqualTo(TerminalModel.PAX_A920);
    assertThat(changed.appVersion()).contains(AppVersion.HTTPS_MINIMUM);
    assertThat(pins.find(t.id())).isPresent();
    assertThat(addresses.history(t.id())).isEmpty();
  }

  @Test
  void change_aNewTransportWithoutAPort_movesToItsDefaultPort_andEmptyClearsOptionalFields() {
    Terminal t = registry.register(registration(null, "SN-1"));

    Terminal changed =
        registry.change(
            t.id(),
            new ChangeTerminal.Command(
                null,
                null,
                null,
                Transport.HTTP,
                null,
                null,
                null,
                null,
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                null));

    assertThat(changed.transport()).isEqualTo(Transport.HTTP);
    assertThat(changed.port()).isEqualTo(Transport.HTTP.defaultPort());
    assertThat(changed.deviceId()).isEmpty();
    assertThat(changed.appVersion()).isEmpty();
    assertThat(changed.isDisabled()).isTrue();
  }

  @Test
  void change_ofAnUnknownTerminal_isNotFound() {
    assertThatThrownBy(() -> registry.change(TerminalId.of("nope"), move("10.0.0.9")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void remove_deletesTheTerminalAndItsPin() {
    Terminal t = registry.register(registration(null, null));
    pins.pinFirst(t.id(), leaf(), clock.instant());

    registry.remove(t.id());

    assertThat(terminals.findById(t.id())).isEmpty();
    assertThat(pins.find(t.id())).isEmpty();
  }

  @Test
  void remove_isRefusedWhileWorkOnTheTerminalIsNotFinal() {
    Terminal t = registry.register(registration(null, null));
    unfinished = Optional.of("UNKNOWN");

    assertThatThrownBy(() -> registry.remove(t.id()))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("(UNKNOWN)")
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_IN_USE");
    assertThat(terminals.findById(t.id())).isPresent();
  }

  private static LeafCertificate leaf() {
    return new LeafCertificate(
        Fingerprint.sha256("leaf".getBytes(StandardCharsets.UTF_8)),
        "CN=till",
        "CN=QFPay",
        List.of("10.0.0.7"),
        null,
        null);
  }
}
