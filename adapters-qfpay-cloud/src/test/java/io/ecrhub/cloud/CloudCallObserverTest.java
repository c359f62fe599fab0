package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.cloud.CloudCallObserver.Outcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.simulator.SimTransaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The observer hears of every call, its outcome and its attempts, over real sockets. */
class CloudCallObserverTest extends CloudFixture {
  private static final Money TEN_FIFTY = Money.of("10.50", "HKD");

  record Call(String path, Outcome outcome, int attempts, Duration elapsed) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> throttled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() {
    observer =
        new CloudCallObserver() {
          @Override
          public void completed(String path, Outcome outcome, int attempts, Duration elapsed) {
            calls.add(new Call(path, outcome, attempts, elapsed));
          }

          @Override
          public void throttled(String path) {
            throttled.add(path);
          }
        };
  }

  @Test
  void anAnsweredQueryIsOneCallOfOneAttempt() throws Exception {
    start();
    payOnTerminal("10.50", "wx", "obs-1");

    cloud.ledger().query(CloudQuery.byOutTradeNo("obs-1", TEN_FIFTY));

    assertThat(calls).hasSize(1);
    Call c = calls.getFirst();
    assertThat(c.path()).isEqualTo(QfpayCloudLedger.QUERY);
    assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
    assertThat(c.attempts()).isEqualTo(1);
    assertThat(c.elapsed()).isPositive();
    assertThat(throttled).isEmpty();
  }

  @Test
  void aThrottledQueryCountsEach429AndItsAttempts() throws Exception {
    start();
    payOnTerminal("10.50", "wx", "obs-2");
    standIn.throttleNext(2);

    cloud.ledger().query(CloudQuery.byOutTradeNo("obs-2", TEN_FIFTY));

    assertThat(throttled).containsExactly(QfpayCloudLedger.QUERY, QfpayCloudLedger.QUERY);
    assertThat(calls).singleElement().extracting(Call::outcome).isEqualTo(Outcome.ANSWERED);
    assertThat(calls.getFirst().attempts()).isEqualTo(3);
  }

  @Test
  void aRefundMet429IsOneNotSentCall() throws Exception {
    start();
    SimTransaction paid = payOnTerminal("10.50", "wx", "obs-3");
    standIn.throttleNext(1);

    cloud.ledger().refund(new CloudRefund(paid.syssn(), "obs-3-r", TEN_FIFTY, NOON_HK));

    assertThat(calls).singleElement().extracting(Call::path).isEqualTo(QfpayCloudLedger.REFUND);
    assertThat(calls.getFirst().outcome()).isEqualTo(Outcome.NOT_SENT);
    assertThat(calls.getFirst().attempts()).isEqualTo(1);
    assertThat(throttled).containsExactly(QfpayCloudLedger.REFUND);
  }

  @Test
  void aRefundThatTimesOutIsOneUnknownCall() throws Exception {
    start(FAST.withRequestTimeout(Duration.ofMillis(400)));
    SimTransaction paid = payOnTerminal("10.50", "wx", "obs-4");
    standIn.delayNextAnswer(Duration.ofMillis(1500));

    cloud.ledger().refund(new CloudRefund(paid.syssn(), "obs-4-r", TEN_FIFTY, NOON_HK));

    assertThat(calls).singleElement().extracting(Call::outcome).isEqualTo(Outcome.UNKNOWN);
  }
}
