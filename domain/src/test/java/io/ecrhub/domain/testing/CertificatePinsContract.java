package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link CertificatePins}. Subclass it once per adapter; {@link #create()} must return
 * an empty store. Pins reference terminals {@code till-1} and {@code till-2}: adapters with a
 * foreign key create them in {@link #givenTerminal}.
 */
public abstract class CertificatePinsContract extends PortContract {
  protected static final TerminalId TILL_1 = TerminalFixture.DEFAULT_ID;
  protected static final TerminalId TILL_2 = TerminalId.of("till-2");
  private static final Instant T0 = MutableClock.DEFAULT_START;

  protected CertificatePins pins;

  /** An empty store (e.g. with its tables truncated). */
  protected abstract CertificatePins create();

  /** Makes sure terminal {@code id} exists for adapters with a foreign key; no-op by default. */
  protected void givenTerminal(TerminalId id) {}

  @BeforeEach
  void setUpStore() {
    pins = create();
    givenTerminal(TILL_1);
    givenTerminal(TILL_2);
  }

  /** A leaf with every field set; {@code name} makes its fingerprint distinct. */
  protected static LeafCertificate leaf(String name) {
    return new LeafCertificate(
        Fingerprint.sha256(name.getBytes(StandardCharsets.UTF_8)),
        "CN=" + name,
        "CN=QFECR, OU=QF IT, O=QF, L=Kwoloon, ST=Hong Kong, C=HK",
        List.of("192.168.1.20", "terminal.local"),
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void find_unknownTerminal_isEmpty() {
    assertThat(find(TILL_1)).isNull();
  }

  @Test
  void pinFirst_recordsTheLeafWithEveryField() {
    LeafCertificate leaf = leaf("leaf-1");

    txRun(() -> pins.pinFirst(TILL_1, leaf, T0));

    CertificatePin pin = find(TILL_1);
    assertThat(pin.terminalId()).isEqualTo(TILL_1);
    assertThat(pin.pinned()).isEqualTo(leaf);
    assertThat(pin.pinnedAt()).isEqualTo(T0);
    assertThat(pin.pending()).isNull();
    assertThat(pin.pendingSince()).isNull();
    assertThat(pin.matches(leaf.sha256())).isTrue();
    assertThat(find(TILL_2)).as("other terminals are not affected").isNull();
  }

  @Test
  void pinFirst_whenAlreadyPinned_keepsTheFirstLeaf() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));

    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    CertificatePin pin = find(TILL_1);
    assertThat(pin.pinned()).isEqualTo(leaf("leaf-1"));
    assertThat(pin.pinnedAt()).isEqualTo(T0);
  }

  @Test
  void recordRejected_keepsThePinAndRecordsThePendingLeaf() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));

    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    CertificatePin pin = find(TILL_1);
    assertThat(pin.pinned()).isEqualTo(leaf("leaf-1"));
    assertThat(pin.pending()).isEqualTo(leaf("leaf-2"));
    assertThat(pin.pendingSince()).isEqualTo(T0.plusSeconds(60));
    assertThat(pin.matches(leaf("leaf-2").sha256())).isFalse();
  }

  @Test
  void recordRejected_sameLeafAgain_keepsWhenItWasFirstSeen() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));
    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(120)));

    assertThat(find(TILL_1).pendingSince()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void recordRejected_anotherLeaf_replacesThePendingOne() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));
    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-3"), T0.plusSeconds(120)));

    CertificatePin pin = find(TILL_1);
    assertThat(pin.pending()).isEqualTo(leaf("leaf-3"));
    assertThat(pin.pendingSince()).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void recordRejected_withoutPin_recordsOnlyThePendingLeaf() {
    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0));

    CertificatePin pin = find(TILL_1);
    assertThat(pin.pinned()).isNull();
    assertThat(pin.pending()).isEqualTo(leaf("leaf-2"));
  }

  @Test
  void approvePending_withItsFingerprint_makesItThePin() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));
    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    boolean approved =
        tx(() -> pins.approvePending(TILL_1, leaf("leaf-2").sha256(), T0.plusSeconds(90)));

    assertThat(approved).isTrue();
    CertificatePin pin = find(TILL_1);
    assertThat(pin.pinned()).isEqualTo(leaf("leaf-2"));
    assertThat(pin.pinnedAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(pin.pending()).isNull();
    assertThat(pin.pendingSince()).isNull();
  }

  @Test
  void approvePending_withAnotherFingerprint_changesNothing() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));
    txRun(() -> pins.recordRejected(TILL_1, leaf("leaf-2"), T0.plusSeconds(60)));

    boolean approved =
        tx(() -> pins.approvePending(TILL_1, leaf("leaf-3").sha256(), T0.plusSeconds(90)));

    assertThat(approved).isFalse();
    CertificatePin pin = find(TILL_1);
    assertThat(pin.pinned()).isEqualTo(leaf("leaf-1"));
    assertThat(pin.pending()).isEqualTo(leaf("leaf-2"));
  }

  @Test
  void approvePending_withNothingPending_returnsFalse() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));

    assertThat(tx(() -> pins.approvePending(TILL_1, leaf("leaf-1").sha256(), T0))).isFalse();
    assertThat(tx(() -> pins.approvePending(TILL_2, leaf("leaf-1").sha256(), T0))).isFalse();
  }

  @Test
  void clear_forgetsThePinSoTheNextLeafIsPinnedAgain() {
    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-1"), T0));

    txRun(() -> pins.clear(TILL_1));
    assertThat(find(TILL_1)).isNull();

    txRun(() -> pins.pinFirst(TILL_1, leaf("leaf-2"), T0.plusSeconds(5)));
    assertThat(find(TILL_1).pinned()).isEqualTo(leaf("leaf-2"));
  }

  private CertificatePin find(TerminalId id) {
    return tx(() -> pins.find(id)).orElse(null);
  }
}
