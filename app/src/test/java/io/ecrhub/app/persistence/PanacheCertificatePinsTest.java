package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.TerminalId;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanacheCertificatePinsTest {
  @Inject PanacheCertificatePins pins;

  static LeafCertificate leaf(String seed) {
    return new LeafCertificate(
        Fingerprint.sha256(seed.getBytes(StandardCharsets.UTF_8)),
        "CN=" + seed,
        "CN=QFECR",
        List.of("192.168.1.50", "terminal.local"),
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2036-01-01T00:00:00Z"));
  }

  @Test
  void firstLeafIsPinned_andASecondPinFirstIsANoOp() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant at = Instant.parse("2026-11-26T00:00:00Z");
    pins.pinFirst(t, leaf("a"), at);
    pins.pinFirst(t, leaf("b"), at.plusSeconds(5));

    CertificatePin pin = pins.find(t).orElseThrow();
    assertThat(pin.pinned()).isEqualTo(leaf("a"));
    assertThat(pin.pinnedAt()).isEqualTo(at);
    assertThat(pin.pending()).isNull();
    assertThat(pin.matches(leaf("a").sha256())).isTrue();
  }

  @Test
  void rejectedLeaf_waitsForApproval_thenBecomesThePin() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant at = Instant.parse("2026-11-26T00:00:00Z");
    pins.pinFirst(t, leaf("old"), at);
    pins.recordRejected(t, leaf("new"), at.plusSeconds(60));

    CertificatePin waiting = pins.find(t).orElseThrow();
    assertThat(waiting.pinned()).isEqualTo(leaf("old"));
    assertThat(waiting.pending()).isEqualTo(leaf("new"));
    assertThat(waiting.pendingSince()).isEqualTo(at.plusSeconds(60));

    assertThat(pins.approvePending(t, leaf("other").sha256(), at.plusSeconds(90))).isFalse();
    assertThat(pins.approvePending(t, leaf("new").sha256(), at.plusSeconds(120))).isTrue();

    CertificatePin approved = pins.find(t).orElseThrow();
    assertThat(approved.pinned()).isEqualTo(leaf("new"));
    assertThat(approved.pinnedAt()).isEqualTo(at.plusSeconds(120));
    assertThat(approved.pending()).isNull();
  }

  @Test
  void rejectedLeafWithoutAPin_isKept_andPinFirstStillPins() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant at = Instant.now();
    pins.recordRejected(t, leaf("x"), at);
    pins.pinFirst(t, leaf("y"), at);
    CertificatePin pin = pins.find(t).orElseThrow();
    assertThat(pin.pinned()).isEqualTo(leaf("y"));
    assertThat(pin.pending()).isEqualTo(leaf("x"));
  }

  @Test
  void clear_forgetsThePin() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    pins.pinFirst(t, leaf("a"), Instant.now());
    pins.clear(t);
    assertThat(pins.find(t)).isEmpty();
  }
}
