package io.ecrhub.app.metrics;

import io.ecrhub.app.events.EventSubscriber;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts payment and refund outcomes where they happen: {@code ecrhub_payments_total{outcome}} and
 * {@code ecrhub_refunds_total{outcome}}, one increment per status transition, told after the
 * transition's transaction committed (a rolled-back change counts nothing). Each instance counts
 * the transitions it committed itself, so a sum across instances counts each once; replays of the
 * event log (SSE history, webhook replay) do not pass through here and count nothing.
 *
 * <p>Outcomes are the final statuses ({@code succeeded}, {@code declined}, {@code cancelled},
 * {@code failed}), each reached at most once per transaction (the lifecycle has no way out of a
 * final status), and {@code unknown}: a payment that entered UNKNOWN (may have reached the
 * terminal) counts there once and, when reconciled, once more under its final outcome. Totals of
 * transactions are therefore the sum of the final outcomes, without {@code unknown}.
 */
@Startup // the series exist from the start, not from the first event
@ApplicationScoped
public class OutcomeCounters implements EventSubscriber {
  private final Map<TransactionStatus, Counter> payments;
  private final Map<TransactionStatus, Counter> refunds;

  @Inject
  public OutcomeCounters(MeterRegistry registry) {
    this.payments = counters(registry, "ecrhub.payments", "Payments reaching an outcome");
    this.refunds = counters(registry, "ecrhub.refunds", "Refunds reaching an outcome");
  }

  private static Map<TransactionStatus, Counter> counters(
      MeterRegistry registry, String name, String description) {
    Map<TransactionStatus, Counter> out = new EnumMap<>(TransactionStatus.class);
    for (TransactionStatus s : TransactionStatus.values()) {
      if (counted(s)) {
        out.put(
            s,
            Counter.builder(name)
                .description(
                    description
                        + " (unknown: entered UNKNOWN, counted again under its final outcome)")
                .tag("outcome", s.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
    }
    return out;
  }

  private static boolean counted(TransactionStatus s) {
    return s.isFinal() || s == TransactionStatus.UNKNOWN;
  }

  @Override
  public void record(DomainEvent event) {
    // counted only once the change committed
  }

  @Override
  public void committed(DomainEvent event) {
    if (!(event instanceof TransactionEvent te)
        || te.to() == null
        || te.to() == te.from()
        || !counted(te.to())) {
      return;
    }
    Map<TransactionStatus, Counter> byOutcome =
        te.type().startsWith("refund.")
            ? refunds
            : te.type().startsWith("payment.") ? payments : null;
    if (byOutcome != null) {
      byOutcome.get(te.to()).increment();
    }
  }
}
