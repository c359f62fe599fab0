package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.settlement.HubEntry;
import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SettlementRuns}: a run comes back with its counts and differing lines exactly
 * (amounts to the cent, the longest values every column must hold); listings are newest first,
 * paged without gaps or repeats, and carry no lines.
 */
public abstract class SettlementRunsContract extends PortContract {
  private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");

  protected abstract SettlementRuns runs();

  private static String id() {
    return "set_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static SettlementLine longest(Instant at) {
    return new SettlementLine(
        SettlementLine.Outcome.AMOUNT_DIFFERS,
        HubEntry.Kind.REFUND,
        "r".repeat(40),
        "t".repeat(64),
        "o".repeat(128),
        "9".repeat(128),
        "SUCCEEDED",
        Money.of("999999999999.99", "HKD"),
        "1".repeat(8),
        Money.of("0.01", "USD"),
        at);
  }

  @Test
  void aRunComesBackWithItsCountsAndDifferences() {
    Instant at = Instant.parse("2026-12-06T16:05:00.123456Z");
    SettlementLine onlyCloud =
        new SettlementLine(
            SettlementLine.Outcome.ONLY_AT_QFPAY,
            HubEntry.Kind.PAYMENT,
            null,
            null,
            null,
            "20261206000100000000000001",
            null,
            null,
            "0000",
            Money.of("12.34", "HKD"),
            at.plusSeconds(1));
    SettlementRun run =
        new SettlementRun(
            id(),
            LocalDate.of(2026, 12, 6),
            HK,
            at,
            SettlementRun.Status.MISMATCH,
            7,
            1,
            1,
            0,
            null,
            List.of(longest(at), onlyCloud));
    txRun(() -> runs().save(run));

    SettlementRun back = tx(() -> runs().find(run.id())).orElseThrow();

    assertThat(back.date()).isEqualTo(run.date());
    assertThat(back.zone()).isEqualTo(HK);
    assertThat(back.ranAt()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
    assertThat(back.status()).isEqualTo(SettlementRun.Status.MISMATCH);
    assertThat(List.of(back.matched(), back.amountDiffers(), back.onlyAtQfpay(), back.onlyInHub()))
        .containsExactly(7, 1, 1, 0);
    assertThat(back.differences()).containsExactly(longest(at), onlyCloud);
  }

  @Test
  void aFailedRunKeepsItsReason() {
    SettlementRun run =
        SettlementRun.failed(
            id(),
            LocalDate.of(2026, 12, 5),
            HK,
            Instant.parse("2026-12-06T16:00:00Z"),
            "x".repeat(600));
    txRun(() -> runs().save(run));

    SettlementRun back = tx(() -> runs().find(run.id())).orElseThrow();

    assertThat(back.status()).isEqualTo(SettlementRun.Status.FAILED);
    assertThat(back.detail()).hasSize(SettlementRun.MAX_DETAIL);
  }

  @Test
  void listingIsNewestFirstAndPagedWithoutGaps() {
    Instant base =
        Instant.parse("2030-01-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SettlementRun r =
          SettlementRun.failed(
              id(), LocalDate.of(2029, 12, 31), HK, base.plusSeconds(i * 60L), "x");
      txRun(() -> runs().save(r));
      mine.add(0, r.id());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String c = cursor;
      Page<SettlementRun> page = tx(() -> runs().list(c, 2));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      page.items().forEach(r -> assertThat(r.differences()).isEmpty());
      page.items().forEach(r -> seen.add(r.id()));
      cursor = page.nextCursor();
    } while (cursor != null && seen.size() < 1000);

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
  }
}
