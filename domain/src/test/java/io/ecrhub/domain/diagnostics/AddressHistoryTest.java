package io.ecrhub.domain.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressHistoryTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T08:00:00Z");
  private static final Instant MOVED = Instant.parse("2026-03-01T08:00:00Z");
  private static final TerminalId ID = TerminalId.of("till-a");

  /** Like the SQL adapter: one row per (terminal, ip), ordered by last then first sighting. */
  static final class MergingHistory implements AddressHistory {
    final Map<String, AddressSighting> rows = new LinkedHashMap<>();

    @Override
    public void seen(TerminalId terminalId, String ip, String mac, Instant at) {
      AddressSighting old = rows.get(ip);
      rows.put(
          ip,
          old == null
              ? new AddressSighting(ip, mac, at, at)
              : new AddressSighting(ip, mac == null ? old.mac() : mac, old.firstSeen(), at));
    }

    @Override
    public List<AddressSighting> history(TerminalId terminalId) {
      return rows.values().stream()
          .sorted(
              Comparator.comparing(AddressSighting::lastSeen)
                  .thenComparing(AddressSighting::firstSeen))
          .toList();
    }
  }

  @Test
  void moveFromAnAddressNeverSeen_recordsBoth_andTheStabilityCheckWarns() {
    MergingHistory h = new MergingHistory();

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
    MergingHistory h = new MergingHistory();
    h.seen(ID, "10.0.0.10", "aa:bb:cc:dd:ee:ff", CREATED.plus(Duration.ofDays(3)));

    h.moved(ID, "10.0.0.10", CREATED, "10.0.0.77", MOVED);

    assertThat(h.history(ID)).hasSize(2);
    assertThat(h.history(ID).get(0).firstSeen()).isEqualTo(CREATED.plus(Duration.ofDays(3)));
    assertThat(h.history(ID).get(1).ip()).isEqualTo("10.0.0.77");
  }

  @Test
  void sameAddress_recordsNothing() {
    MergingHistory h = new MergingHistory();
    h.moved(ID, "10.0.0.10", CREATED, "10.0.0.10", MOVED);
    assertThat(h.history(ID)).isEmpty();
  }

  @Test
  void movedTheMomentItWasCreated_stillOrdersOldBeforeNew() {
    MergingHistory h = new MergingHistory();
    h.moved(ID, "10.0.0.10", MOVED, "10.0.0.77", MOVED);
    assertThat(h.history(ID))
        .extracting(AddressSighting::ip)
        .containsExactly("10.0.0.10", "10.0.0.77");
  }
}
