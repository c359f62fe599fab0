package io.ecrhub.domain.testing;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * QFPay's cloud ledger in memory, for the hub's tests: payments are planted with {@link #paid},
 * refunds follow the Open API's rules (no more than what is left, 1272; unknown payment, 1136), and
 * the next answers can be scripted ({@link #answerNext}) to play NotSent, OutcomeUnknown, a refusal
 * or a pending record. Counts what it was asked. Thread-safe.
 */
public final class InMemoryCloudLedger implements CloudLedger {
  private final List<CloudRecord> records = new ArrayList<>();
  private final Deque<CloudOutcome> scripted = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong(20260000000000L);
  private final List<CloudRefund> refundRequests = new ArrayList<>();
  private int queries;
  private int refunds;

  /** Plants a settled payment of {@code amount} under {@code outTradeNo}; returns its syssn. */
  public synchronized String paid(Money amount, String outTradeNo) {
    String syssn = Long.toString(sequence.incrementAndGet());
    records.add(
        new CloudRecord(syssn, outTradeNo, CloudRecord.Kind.PAYMENT, amount, "0000", null, null));
    return syssn;
  }

  /** Plants any record (pending 1143, failed 1205, a refund...). */
  public synchronized void plant(CloudRecord record) {
    records.add(record);
  }

  /** The next query or refund answers {@code outcome} without looking at the records. */
  public synchronized void answerNext(CloudOutcome outcome) {
    scripted.add(outcome);
  }

  public synchronized int queries() {
    return queries;
  }

  public synchronized int refunds() {
    return refunds;
  }

  /** Every refund request, in order, as it was sent. */
  public synchronized List<CloudRefund> refundRequests() {
    return List.copyOf(refundRequests);
  }

  @Override
  public synchronized CloudOutcome query(CloudQuery q) {
    queries++;
    if (!scripted.isEmpty()) {
      return scripted.poll();
    }
    CloudRecord found = null;
    for (CloudRecord r : records) {
      if ((q.outTradeNo() == null || q.outTradeNo().equals(r.outTradeNo()))
          && (q.syssn() == null || q.syssn().equals(r.syssn()))) {
        found = found != null && "0000".equals(found.respcd()) ? found : r;
      }
    }
    if (found == null) {
      return new CloudOutcome.Refused(
          RefusalReason.NO_SUCH_TRANSACTION, "no such transaction", null);
    }
    return switch (found.respcd()) {
      case "0000" ->
          q.expected() != null && !q.expected().equals(found.amount())
              ? new CloudOutcome.Mismatch(found, q.expected())
              : new CloudOutcome.Settled(found);
      case "1143", "1145" -> new CloudOutcome.Pending(found.respcd(), found);
      default -> new CloudOutcome.Failed(found.respcd(), found.message());
    };
  }

  @Override
  public synchronized CloudOutcome refund(CloudRefund r) {
    refunds++;
    refundRequests.add(r);
    if (!scripted.isEmpty()) {
      return scripted.poll();
    }
    Optional<CloudRecord> payment =
        records.stream()
            .filter(
                x ->
                    x.syssn().equals(r.originalSyssn())
                        && x.kind() == CloudRecord.Kind.PAYMENT
                        && "0000".equals(x.respcd()))
            .findFirst();
    if (payment.isEmpty()) {
      return new CloudOutcome.Refused(
          RefusalReason.NO_SUCH_TRANSACTION, "no such transaction", null);
    }
    Money left = payment.get().amount();
    for (CloudRecord x : records) {
      if (x.kind() == CloudRecord.Kind.REFUND && r.originalSyssn().equals(x.originalSyssn())) {
        if (r.outTradeNo().equals(x.outTradeNo())) {
          return new CloudOutcome.Settled(x); // the same refund asked again
        }
        left = left.minus(x.amount());
      }
    }
    if (r.amount().isGreaterThan(left)) {
      return new CloudOutcome.Refused(RefusalReason.EXCEEDS_REFUNDABLE, "exceeds refundable", null);
    }
    CloudRecord refund =
        new CloudRecord(
            Long.toString(sequence.incrementAndGet()),
            r.outTradeNo(),
            CloudRecord.Kind.REFUND,
            r.amount(),
            "0000",
            r.originalSyssn(),
            null);
    records.add(refund);
    return new CloudOutcome.Settled(refund);
  }
}
