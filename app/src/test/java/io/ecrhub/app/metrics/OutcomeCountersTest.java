package io.ecrhub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Outcome counters count transitions once, after commit, by kind; webhook failure reasons. */
class OutcomeCountersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutcomeCounters counters = new OutcomeCounters(registry);

  private static TransactionEvent event(String kind, TransactionStatus from, TransactionStatus to) {
    String type = kind + "." + (from == to ? "changed" : to.name().toLowerCase());
    return new TransactionEvent(
        type, "x1", "pay_1", new TerminalId("trm_1"), from, to, "test", Instant.EPOCH);
  }

  private double count(String name, String outcome) {
    return registry.get(name).tag("outcome", outcome).counter().count();
  }

  @Test
  void everyOutcomeIsRegisteredAtStart_withZero() {
    for (String outcome :
        new String[] {"succeeded", "declined", "cancelled", "failed", "unknown"}) {
      assertThat(count("ecrhub.payments", outcome)).isZero();
      assertThat(count("ecrhub.refunds", outcome)).isZero();
    }
    assertThat(registry.find("ecrhub.payments").tag("outcome", "pending").counter()).isNull();
    assertThat(registry.find("ecrhub.payments").tag("outcome", "in_progress").counter()).isNull();
  }

  @Test
  void countsOnlyCommittedTransitionsIntoAnOutcome() {
    TransactionEvent unknown =
        event("payment", TransactionStatus.IN_PROGRESS, TransactionStatus.UNKNOWN);
    counters.record(unknown); // in the transaction: not yet
    assertThat(count("ecrhub.payments", "unknown")).isZero();
    counters.committed(unknown);
    counters.committed(event("payment", null, TransactionStatus.PENDING));
    counters.committed(event("payment", TransactionStatus.PENDING, TransactionStatus.IN_PROGRESS));
    counters.committed(event("payment", TransactionStatus.UNKNOWN, TransactionStatus.SUCCEEDED));
    // a change that keeps the status (review flag, refund recorded on the payment)
    counters.committed(event("payment", TransactionStatus.SUCCEEDED, TransactionStatus.SUCCEEDED));
    counters.committed(event("refund", TransactionStatus.IN_PROGRESS, TransactionStatus.DECLINED));

    assertThat(count("ecrhub.payments", "unknown")).isEqualTo(1);
    assertThat(count("ecrhub.payments", "succeeded")).isEqualTo(1);
    assertThat(count("ecrhub.payments", "declined")).isZero();
    assertThat(count("ecrhub.refunds", "declined")).isEqualTo(1);
    assertThat(count("ecrhub.refunds", "succeeded")).isZero();
  }

  @Test
  void webhookFailureReasons_fromTheSendResult() {
    Duration d = Duration.ofMillis(5);
    assertThat(MeteredWebhookSender.reason(new SendResult(false, 503, d, null, "HTTP 503")))
        .isEqualTo("http_5xx");
    assertThat(MeteredWebhookSender.reason(new SendResult(false, 404, d, null, "HTTP 404")))
        .isEqualTo("http_4xx");
    assertThat(
            MeteredWebhookSender.reason(
                new SendResult(false, 200, d, "FAIL", "HTTP 200 without body SUCCESS")))
        .isEqualTo("not_acknowledged");
    assertThat(
            MeteredWebhookSender.reason(
                SendResult.noResponse(d, "target refused: private address")))
        .isEqualTo("refused");
    assertThat(MeteredWebhookSender.reason(SendResult.noResponse(d, "read timed out")))
        .isEqualTo("no_response");
  }
}
