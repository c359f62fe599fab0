package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The terminal lease is freed in the unit of work that records the outcome: whoever sees a payment
 * or refund final can start the next one on the same terminal at once, even while the hub is still
 * busy with what the answer says about the terminal (its health).
 *
 * <p>The settling thread is held inside the terminal health update by holding the in-memory
 * terminals' monitor (every {@code InMemoryTerminals} method is synchronized); the test thread owns
 * the monitor, so its own calls go through.
 */
class LeaseReleaseTest {
  private final Harness h = new Harness();

  @Test
  void paymentSeenSucceeded_nextPaymentOnTheSameTerminalStartsAtOnce() throws Exception {
    Payment first = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    Payment next;
    Thread settling;
    synchronized (h.terminals) {
      settling =
          answerOnAnotherThread(
              TerminalCommand.Pay.class,
              new TerminalOutcome.Approved(
                  Harness.approvedReport("20260302000001", first.outTradeNo().value(), null)));
      awaitUntil(() -> h.payment(first.id()).status() == TransactionStatus.SUCCEEDED);

      assertThat(h.lease()).as("free as soon as the outcome is visible").isEmpty();
      next = h.service.start(pay("2.00", Channel.WX));
      assertThat(settling.isAlive()).as("still recording the terminal's health").isTrue();
    }
    settling.join(10_000);

    assertThat(next.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.lease()).hasValueSatisfying(l -> assertThat(l.holder()).endsWith(":" + next.id()));
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.ONLINE);
    assertThat(h.channel.count(TerminalCommand.Pay.class)).isEqualTo(2);
  }

  @Test
  void paymentSeenFailed_leaseIsFreedWithTheFailedState() throws Exception {
    Payment first = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    Thread settling;
    synchronized (h.terminals) {
      settling =
          answerOnAnotherThread(
              TerminalCommand.Pay.class,
              new TerminalOutcome.NotSent(
                  TerminalOutcome.NotSentCause.CONNECT_FAILED, "connection refused"));
      awaitUntil(() -> h.payment(first.id()).status() == TransactionStatus.FAILED);

      assertThat(h.lease()).isEmpty();
    }
    settling.join(10_000);
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.UNREACHABLE);
  }

  @Test
  void refundSeenSucceeded_nextPaymentOnTheSameTerminalStartsAtOnce() throws Exception {
    Payment paid =
        h.store(
            PaymentFixture.builder()
                .channel(Channel.ALIPAY)
                .amount(Harness.hkd("10.50"))
                .syssn("20260302000000000077")
                .createdAt(h.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .build());
    Refund refund = h.service.refund(new RefundPayment.Command(paid.id(), Harness.hkd("4.00")));
    Payment next;
    Thread settling;
    synchronized (h.terminals) {
      settling =
          answerOnAnotherThread(
              TerminalCommand.Refund.class,
              new TerminalOutcome.Approved(
                  new TransactionReport(
                      "20260302000000000078",
                      null,
                      "20260302000000000077",
                      "refund",
                      null,
                      "4.00",
                      "HKD",
                      null,
                      null,
                      null,
                      Map.of())));
      awaitUntil(() -> h.refund(refund.id()).status() == TransactionStatus.SUCCEEDED);

      assertThat(h.lease()).isEmpty();
      next = h.service.start(pay("3.00", Channel.WX));
    }
    settling.join(10_000);
    assertThat(next.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
  }

  /** Completes the pending command of {@code type} on a new thread, which then settles it. */
  private Thread answerOnAnotherThread(
      Class<? extends TerminalCommand> type, TerminalOutcome outcome) {
    Thread t = new Thread(() -> h.channel.release(type, outcome), "terminal-answer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Polls until {@code condition} holds, failing after a generous ceiling. */
  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      Thread.sleep(5);
    }
  }
}
