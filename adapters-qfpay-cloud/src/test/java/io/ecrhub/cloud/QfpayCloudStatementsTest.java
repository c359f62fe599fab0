package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.cloud.CloudStatements.StatementPage;
import io.ecrhub.domain.cloud.CloudWindow;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The day's statement through the adapter against the stand-in over real sockets: the time window
 * and paging on the wire (§8.3), records read exactly, retried through a 429 storm.
 */
class QfpayCloudStatementsTest extends CloudFixture {
  private static final Currency HKD = Currency.getInstance("HKD");
  // 2026-03-02 in Hong Kong: the fixture's terminal takes its payments at noon that day
  private static final CloudWindow DAY =
      new CloudWindow(Instant.parse("2026-03-01T16:00:00Z"), Instant.parse("2026-03-02T16:00:00Z"));

  @BeforeEach
  void up() {
    start();
  }

  private StatementPage page(CloudWindow w, int page, int size) {
    return cloud.statements().statement(w, page, size, HKD);
  }

  @Test
  void aDayIsReadPageByPageWithItsWindowOnTheWire() throws Exception {
    List<String> paid = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      paid.add(payOnTerminal("1.0" + i, "wx", "day-" + i).syssn());
    }

    List<CloudStatementEntry> read = new ArrayList<>();
    List<Boolean> lasts = new ArrayList<>();
    for (int p = 1; p <= 3; p++) {
      StatementPage.Page page = (StatementPage.Page) page(DAY, p, 2);
      read.addAll(page.entries());
      lasts.add(page.last());
    }

    assertThat(lasts).containsExactly(false, false, true);
    assertThat(read).extracting(e -> e.record().syssn()).containsExactlyInAnyOrderElementsOf(paid);
    CloudStatementEntry first =
        read.stream()
            .filter(e -> e.record().outTradeNo().equals("day-1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.record().amount()).isEqualTo(Money.of("1.01", "HKD"));
    assertThat(first.record().kind()).isEqualTo(CloudRecord.Kind.PAYMENT);
    assertThat(first.at()).isEqualTo(NOON_HK);
    QfpayCloudStandIn.Request sent = standIn.requests(QfpayCloudLedger.QUERY).get(1);
    assertThat(sent.params())
        .containsEntry("start_time", "2026-03-02 00:00:00")
        .containsEntry("end_time", "2026-03-02 23:59:59")
        .containsEntry("page", "2")
        .containsEntry("page_size", "2")
        .containsEntry("mchid", MCHID)
        .doesNotContainKeys("syssn", "out_trade_no");
    assertAllSignedExactly();
  }

  @Test
  void aWindowWithoutTransactions_isAnEmptyLastPage() throws Exception {
    payOnTerminal("1.00", "wx", "day-x");
    CloudWindow dayBefore = new CloudWindow(DAY.from().minusSeconds(86_400), DAY.from());

    StatementPage p = page(dayBefore, 1, 100);

    assertThat(p).isEqualTo(new StatementPage.Page(List.of(), 1, true));
  }

  @Test
  void theStatementCarriesQfpaysAmountExactly() throws Exception {
    SimTransaction t = payOnTerminal("10.50", "wx", "day-m");
    standIn.misstateInStatement(t.syssn(), 1005);

    StatementPage.Page p = (StatementPage.Page) page(DAY, 1, 100);

    assertThat(p.entries().getFirst().record().amount()).isEqualTo(Money.of("10.05", "HKD"));
  }

  @Test
  void aStatementQueryIsRetriedThroughA429Storm() throws Exception {
    payOnTerminal("1.00", "wx", "day-s");
    standIn.throttleNext(4);

    StatementPage p = page(DAY, 1, 100);

    assertThat(p).isInstanceOf(StatementPage.Page.class);
    assertThat(((StatementPage.Page) p).entries()).hasSize(1);
    assertThat(standIn.requests(QfpayCloudLedger.QUERY))
        .extracting(QfpayCloudStandIn.Request::status)
        .containsExactly(429, 429, 429, 429, 200);
  }

  @Test
  void aStormBeyondPatience_isUnavailableNotEmpty() throws Exception {
    stop();
    start(FAST.withRateLimitPatience(java.time.Duration.ofMillis(300)));
    standIn.throttleNext(1_000);

    assertThat(page(DAY, 1, 100)).isInstanceOf(StatementPage.Unavailable.class);
  }
}
