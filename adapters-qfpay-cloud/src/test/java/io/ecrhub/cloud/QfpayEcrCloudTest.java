package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.PushOutcome;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.simulator.SimTransaction;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ECR cloud transport: QFPay pushes to the simulated terminal named by its Device ID. */
class QfpayEcrCloudTest extends CloudFixture {
  private static final Money TWELVE = Money.of("12.00", "HKD");

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void aPushedPaymentIsTakenByTheTerminalAndQueriedThroughTheCloud() {
    PushOutcome pushed =
        cloud
            .ecr()
            .pushPayment("sim-1", TWELVE, Channel.CARD_PAYMENT, "ecr-1", Duration.ofSeconds(60));

    assertThat(pushed).isEqualTo(new PushOutcome.Pushed("Order push success"));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                cloud.ecr().query("sim-1", CloudQuery.byOutTradeNo("ecr-1", TWELVE))
                    instanceof CloudOutcome.Settled);
    SimTransaction t = terminal.transactions().getFirst();
    assertThat(t.amount()).isEqualTo(TWELVE);
    assertThat(t.channel()).isEqualTo(Channel.CARD_PAYMENT);
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT).getFirst().params())
        .containsEntry("txamt", "1200")
        .containsEntry("termid", "sim-1")
        .containsEntry("scan_type", "SCAN_PAY")
        .containsEntry("payment_timeout", "60");
    assertAllSignedExactly();
  }

  @Test
  void aPushedRefundRefundsThePayment() {
    cloud.ecr().pushPayment("sim-1", TWELVE, Channel.WX, "ecr-2", null);
    await().atMost(10, TimeUnit.SECONDS).until(() -> settled("ecr-2"));
    String syssn = terminal.transactions().getFirst().syssn();

    assertThat(cloud.ecr().pushRefund("sim-1", syssn, Money.of("2.00", "HKD")))
        .isInstanceOf(PushOutcome.Pushed.class);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                terminal
                    .transaction(syssn)
                    .orElseThrow()
                    .refunded()
                    .equals(Money.of("2.00", "HKD")));
    assertAllSignedExactly();
  }

  @Test
  void aCancelReachesTheWaitingTerminal() {
    terminal.setCardWait(Duration.ofMinutes(5));
    cloud.ecr().pushPayment("sim-1", TWELVE, Channel.CARD_PAYMENT, "ecr-3", null);
    await().atMost(10, TimeUnit.SECONDS).until(() -> terminal.inFlight().isPresent());

    assertThat(cloud.ecr().query("sim-1", CloudQuery.byOutTradeNo("ecr-3", TWELVE)))
        .isInstanceOf(CloudOutcome.Pending.class);
    assertThat(cloud.ecr().pushCancel("sim-1")).isInstanceOf(PushOutcome.Pushed.class);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                cloud.ecr().query("sim-1", CloudQuery.byOutTradeNo("ecr-3", TWELVE))
                        instanceof CloudOutcome.Failed f
                    && f.respcd().equals("1142"));
  }

  @Test
  void anUnboundDeviceAndRefusalsAreTyped() {
    PushOutcome unbound =
        cloud.ecr().pushPayment("no-such-device", TWELVE, Channel.WX, "ecr-4", null);
    assertThat(unbound).isInstanceOf(CloudOutcome.Refused.class);
    assertThat(((CloudOutcome.Refused) unbound).reason()).isEqualTo(RefusalReason.DEVICE_NOT_BOUND);

    standIn.refuseNext("1269");
    PushOutcome refused = cloud.ecr().pushRefund("sim-1", "1", null);
    assertThat(((CloudOutcome.Refused) refused).reason())
        .isEqualTo(RefusalReason.INSUFFICIENT_BALANCE);

    CloudOutcome missing = cloud.ecr().query("sim-1", CloudQuery.byOutTradeNo("never", TWELVE));
    assertThat(((CloudOutcome.Refused) missing).reason())
        .isEqualTo(RefusalReason.NO_SUCH_TRANSACTION);
  }

  private boolean settled(String outTradeNo) {
    return cloud.ecr().query("sim-1", CloudQuery.byOutTradeNo(outTradeNo, TWELVE))
        instanceof CloudOutcome.Settled;
  }
}
