package io.ecrhub.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryCloudStatements;
import io.ecrhub.domain.testing.InMemorySettlementRuns;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.RecordingEventPublisher;
import io.ecrhub.domain.testing.SequenceIds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daily statement against fakes: QFPay's records planted in {@link InMemoryCloudStatements},
 * the hub's in a list. Day 2026-12-06 in Hong Kong runs from 2026-12-05T16:00Z to
 * 2026-12-06T16:00Z.
 */
class SettlementStatementTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 6);
  private static final Instant NOON = Instant.parse("2026-12-06T04:00:00Z");
  private static final Instant DAY_START = Instant.parse("2026-12-05T16:00:00Z");
  private static final Instant DAY_END = Instant.parse("2026-12-06T16:00:00Z");

  private final List<HubEntry> hub = new ArrayList<>();
  private final InMemoryCloudStatements cloud = new InMemoryCloudStatements();
  private final MutableClock clock = MutableClock.at("2026-12-07T01:00:00Z");
  private SettlementSettings settings = SettlementSettings.defaults();

  private final HubLedger ledger =
      (from, to, limit) ->
          hub.stream()
              .filter(h -> !h.createdAt().isBefore(from) && h.createdAt().isBefore(to))
              .sorted(Comparator.comparing(HubEntry::createdAt))
              .limit(limit)
              .toList();

  private SettlementReport report() {
    return new SettlementStatement(ledger, cloud, settings, clock).report(DAY);
  }

  private static Money hkd(String a) {
    return Money.of(a, "HKD");
  }

  private HubEntry paid(String id, String outTradeNo, String syssn, String amount, Instant at) {
    HubEntry h =
        new HubEntry(
            HubEntry.Kind.PAYMENT,
            id,
            "term-1",
            outTradeNo,
            syssn,
            hkd(amount),
            TransactionStatus.SUCCEEDED,
            at);
    hub.add(h);
    return h;
  }

  private void cloudPayment(
      String syssn, String outTradeNo, String amount, String respcd, Instant at) {
    cloud.add(
        new CloudStatementEntry(
            new CloudRecord(
                syssn, outTradeNo, CloudRecord.Kind.PAYMENT, hkd(amount), respcd, null, null),
            at));
  }

  private void cloudRefund(String syssn, String orig, String amount, Instant at) {
    cloud.add(
        new CloudStatementEntry(
            new CloudRecord(syssn, "", CloudRecord.Kind.REFUND, hkd(amount), "0000", orig, null),
            at));
  }

  @Test
  void aCleanDay_matchesEveryPaymentAndRefund() {
    paid("pay_1", "otn-1", "S1", "10.50", NOON);
    paid("pay_2", "otn-2", null, "3.00", NOON.plusSeconds(60));
    hub.add(
        new HubEntry(
            HubEntry.Kind.REFUND,
            "ref_1",
            "term-1",
            null,
            "R1",
            hkd("10.50"),
            TransactionStatus.SUCCEEDED,
            NOON.plusSeconds(120)));
    cloudPayment("S1", "otn-1", "10.50", "0000", NOON.plusSeconds(2));
    cloudPayment("S2", "otn-2", "3.00", "0000", NOON.plusSeconds(61));
    cloudRefund("R1", "S1", "10.50", NOON.plusSeconds(121));

    SettlementReport r = report();

    assertThat(r.clean()).isTrue();
    assertThat(r.count(SettlementLine.Outcome.MATCHED)).isEqualTo(3);
    assertThat(r.lines()).extracting(SettlementLine::syssn).containsExactly("S1", "S2", "R1");
    assertThat(r.from()).isEqualTo(DAY_START);
    assertThat(r.to()).isEqualTo(DAY_END);
  }

  @Test
  void plantedDifferences_areEachReportedOnce() {
    paid("pay_1", "otn-1", "S1", "10.50", NOON);
    cloudPayment("S1", "otn-1", "10.05", "0000", NOON.plusSeconds(2)); // another amount
    paid("pay_2", "otn-2", "S2", "4.00", NOON.plusSeconds(10)); // QFPay has nothing
    cloudPayment("S3", "otn-3", "7.00", "0000", NOON.plusSeconds(20)); // the hub has nothing
    paid("pay_4", "otn-4", "S4", "1.00", NOON.plusSeconds(30));
    cloudPayment("S4", "otn-4", "1.00", "0000", NOON.plusSeconds(31));

    SettlementReport r = report();

    assertThat(r.clean()).isFalse();
    assertThat(r.lines())
        .extracting(SettlementLine::outcome, SettlementLine::syssn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SettlementLine.Outcome.AMOUNT_DIFFERS, "S1"),
            org.assertj.core.groups.Tuple.tuple(SettlementLine.Outcome.ONLY_IN_HUB, "S2"),
            org.assertj.core.groups.Tuple.tuple(SettlementLine.Outcome.ONLY_AT_QFPAY, "S3"),
            org.assertj.core.groups.Tuple.tuple(SettlementLine.Outcome.MATCHED, "S4"));
    SettlementLine differs = r.lines().getFirst();
    assertThat(differs.hubAmount()).isEqualTo(hkd("10.50"));
    assertThat(differs.cloudAmount()).isEqualTo(hkd("10.05"));
    assertThat(differs.hubId()).isEqualTo("pay_1");
    SettlementLine onlyCloud = r.lines().get(2);
    assertThat(onlyCloud.hubId()).isNull();
    assertThat(onlyCloud.outTradeNo()).isEqualTo("otn-3");
  }

  @Test
  void statusesDecideWhatMoved() {
    // the hub settled it, QFPay failed it: only the hub moved money
    paid("pay_1", "otn-1", "S1", "2.00", NOON);
    cloudPayment("S1", "otn-1", "2.00", "1205", NOON.plusSeconds(1));
    // QFPay settled a payment the hub still has UNKNOWN (pairs by out_trade_no)
    hub.add(
        new HubEntry(
            HubEntry.Kind.PAYMENT,
            "pay_2",
            "term-1",
            "otn-2",
            null,
            hkd("5.00"),
            TransactionStatus.UNKNOWN,
            NOON.plusSeconds(10)));
    cloudPayment("S2a", "otn-2", "5.00", "1205", NOON.plusSeconds(11)); // a failed first try
    cloudPayment("S2b", "otn-2", "5.00", "0000", NOON.plusSeconds(12));
    // neither settled: not reported
    hub.add(
        new HubEntry(
            HubEntry.Kind.PAYMENT,
            "pay_3",
            "term-1",
            "otn-3",
            null,
            hkd("5.00"),
            TransactionStatus.DECLINED,
            NOON.plusSeconds(20)));
    cloudPayment("S3", "otn-3", "5.00", "1205", NOON.plusSeconds(21));

    SettlementReport r = report();

    assertThat(r.lines())
        .extracting(SettlementLine::outcome, SettlementLine::syssn, SettlementLine::hubStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SettlementLine.Outcome.ONLY_IN_HUB, "S1", "SUCCEEDED"),
            org.assertj.core.groups.Tuple.tuple(
                SettlementLine.Outcome.ONLY_AT_QFPAY, "S2b", "UNKNOWN"));
    assertThat(r.lines().getFirst().cloudRespcd()).isEqualTo("1205");
  }

  @Test
  void recordsEitherSideOfMidnight_pairAndBelongToTheHubsDay() {
    // the hub recorded it at 23:59:58 HK, QFPay at 00:00:03 the next day: this day, matched
    paid("pay_1", "otn-1", "S1", "1.00", DAY_END.minusSeconds(2));
    cloudPayment("S1", "otn-1", "1.00", "0000", DAY_END.plusSeconds(3));
    // the hub recorded it at 23:59:59 HK the day before, QFPay at 00:00:01: the day before's
    paid("pay_0", "otn-0", "S0", "1.00", DAY_START.minusSeconds(1));
    cloudPayment("S0", "otn-0", "1.00", "0000", DAY_START.plusSeconds(1));
    // QFPay only, just after the day: the next day's
    cloudPayment("S9", "otn-9", "1.00", "0000", DAY_END.plusSeconds(5));

    SettlementReport r = report();

    assertThat(r.lines())
        .extracting(SettlementLine::outcome, SettlementLine::syssn)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SettlementLine.Outcome.MATCHED, "S1"));
  }

  @Test
  void everyCloudPageIsRead() {
    settings =
        new SettlementSettings(
            settings.zone(), settings.currency(), settings.margin(), 2, 10, 1000);
    for (int i = 0; i < 5; i++) {
      paid("pay_" + i, "otn-" + i, "S" + i, "1.0" + i, NOON.plusSeconds(i * 10L));
      cloudPayment("S" + i, "otn-" + i, "1.0" + i, "0000", NOON.plusSeconds(i * 10L + 1));
    }

    SettlementReport r = report();

    assertThat(r.count(SettlementLine.Outcome.MATCHED)).isEqualTo(5);
    assertThat(r.cloudPages()).isEqualTo(3);
    assertThat(cloud.asked()).containsExactly(1, 2, 3);
  }

  @Test
  void anUnreadablePage_failsTheWholeReport() {
    settings =
        new SettlementSettings(settings.zone(), settings.currency(), settings.margin(), 1, 10, 10);
    cloudPayment("S1", "otn-1", "1.00", "0000", NOON);
    cloudPayment("S2", "otn-2", "1.00", "0000", NOON.plusSeconds(1));
    cloud.failPage(2);

    assertThatThrownBy(this::report)
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CLOUD_UNAVAILABLE");
  }

  @Test
  void aDayLargerThanTheBounds_isRefusedNotCutShort() {
    settings =
        new SettlementSettings(settings.zone(), settings.currency(), settings.margin(), 1, 2, 10);
    for (int i = 0; i < 3; i++) {
      cloudPayment("S" + i, "otn-" + i, "1.00", "0000", NOON.plusSeconds(i));
    }

    assertThatThrownBy(this::report)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("STATEMENT_TOO_LARGE");
  }

  @Test
  void aDayThatHasNotBegun_isInvalid() {
    clock.set(DAY_START.minusSeconds(1));

    assertThatThrownBy(this::report)
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_DATE");
  }

  @Test
  void theNightlyRun_storesTheRunAndAnnouncesADifference() {
    paid("pay_1", "otn-1", "S1", "10.50", NOON);
    cloudPayment("S1", "otn-1", "10.05", "0000", NOON.plusSeconds(2));
    InMemorySettlementRuns runs = new InMemorySettlementRuns();
    RecordingEventPublisher events = new RecordingEventPublisher();
    RunNightlySettlement nightly =
        new RunNightlySettlement(
            new SettlementStatement(ledger, cloud, settings, clock),
            runs,
            events,
            new DirectUnitOfWork(),
            new SequenceIds(),
            clock,
            settings.zone());

    SettlementRun run = nightly.runYesterday();

    assertThat(run.date()).isEqualTo(DAY);
    assertThat(run.status()).isEqualTo(SettlementRun.Status.MISMATCH);
    assertThat(run.amountDiffers()).isEqualTo(1);
    assertThat(runs.find(run.id()).orElseThrow().differences()).hasSize(1);
    assertThat(events.types()).containsExactly("report.settlement_mismatch");
    assertThat(events.events().getFirst().aggregateId()).isEqualTo(run.id());

    // a clean day announces nothing; a failed one is stored with its reason
    events.clear();
    clock.advance(Duration.ofDays(1));
    assertThat(nightly.runYesterday().status()).isEqualTo(SettlementRun.Status.CLEAN);
    cloud.failPage(1);
    SettlementRun failed = nightly.run(DAY);
    assertThat(failed.status()).isEqualTo(SettlementRun.Status.FAILED);
    assertThat(failed.detail()).startsWith("CLOUD_UNAVAILABLE");
    assertThat(events.types()).isEmpty();
  }
}
