package io.ecrhub.domain.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.testing.InMemoryAddressHistory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AddressHistoryTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T08:00:00Z");
  private static final Instant MOVED = Instant.parse("2026-03-01T08:00:00Z");
  private static final TerminalId ID = TerminalId.of("till-a");

  @Test
  void moveFromAnAddressNeverSeen_recordsBoth_andTheStabilityCheckWarns() {
    InMemoryAddressHistory h = new InMemoryAddressHistory();

    h.moved(ID, "10.0.0.10", CREATED, "10.0.0.77", MOVED);

    assertThat(h.history(ID))
        .extracting(AddressSighting::ip)
        .containsExactly("10.0.0.10", "10.0.0.77");
    DiagnosticCheck c =
        AddressChecks.stability(
            h.history(ID), MOVED.plus(Duration.ofHours(1)), Duration.ofDays(30));
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.evidence()).contains("from 10.0.0.10 to 10.0.0.77");
    assertThat(c.fix()).contains("DHCP").contains("MAC");
  }

  @Test
  void moveFromAnAddressSeenBefore_keepsItsHistory() {
    InMemoryAddressHistory h = new InMemoryAddressHistory();
    h.seen(ID, "10.0.0.10", "aa:bb:cc:dd:ee:ff", CREATED.plus(Duration.ofDays(3)));

    h.moved(ID, "10.0.0.10", CREATED, "10.0.0.77", MOVED);

    assertThat(h.history(ID)).hasSize(2);
    assertThat(h.history(ID).get(0).firstSeen()).isEqualTo(CREATED.plus(Duration.ofDays(3)));
    assertThat(h.history(ID).get(1).ip()).isEqualTo("10.0.0.77");
  }

  @Test
  void sameAddress_recordsNothing() {
    InMemoryAddressHistory h = new InMemoryAddressHistory();
    h.moved(ID, "10.0.0.10", CREATED, "10.0.0.10", MOVED);
    assertThat(h.history(ID)).isEmpty();
  }

  @Test
  void movedTheMomentItWasCreated_stillOrdersOldBeforeNew() {
    InMemoryAddressHistory h = new InMemoryAddressHistory();
    h.moved(ID, "10.0.0.10", MOVED, "10.0.0.77", MOVED);
    assertThat(h.history(ID))
        .extracting(AddressSighting::ip)
        .containsExactly("10.0.0.10", "10.0.0.77");
  }
}
