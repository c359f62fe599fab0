package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TransactionReport;
import java.util.Map;
import java.util.Optional;

/**
 * QFPay's cloud as reconciliation's third source (ADR 0015): what a {@code /trade/v1/query} answer
 * means for one payment or refund. {@code 0000} with our amount settles it ({@code confirmedBy:
 * cloud}); 1143/1145 keep it pending; a definite failure code settles it failed (declined); a
 * different amount, or a record of the other kind, settles nothing and flags it for review; no
 * record, or no answer, says nothing.
 */
final class CloudSource {
  static final String NAME = "cloud";

  private final CloudLedger ledger;

  CloudSource(Optional<CloudLedger> ledger) {
    this.ledger = ledger.orElse(null);
  }

  /** Whether a cloud account is configured. */
  boolean configured() {
    return ledger != null;
  }

  /** What the cloud said and what it means. */
  record Answer(Verdict verdict, String said, CloudOutcome outcome) {}

  /** Asks the cloud about a transaction of {@code kind}; call only when {@link #configured()}. */
  Answer ask(CloudQuery query, CloudRecord.Kind kind) {
    CloudOutcome outcome;
    try {
      outcome = ledger.query(query);
    } catch (RuntimeException e) {
      outcome = new CloudOutcome.OutcomeUnknown("the cloud query failed: " + e);
    }
    return new Answer(verdictOf(outcome, kind), said(outcome), outcome);
  }

  static Verdict verdictOf(CloudOutcome outcome, CloudRecord.Kind kind) {
    return switch (outcome) {
      case CloudOutcome.Settled s when s.record().kind() != kind ->
          new Verdict.Review(
              "QFPay's cloud record "
                  + s.record().syssn()
                  + " is a "
                  + s.record().kind().name().toLowerCase(java.util.Locale.ROOT)
                  + "; not settled on it");
      case CloudOutcome.Settled s ->
          new Verdict.Succeeded(
              report(s.record()), "QFPay cloud query (0000)", ConfirmedBy.CLOUD, false);
      case CloudOutcome.Mismatch m ->
          new Verdict.Review(
              "QFPay's cloud records "
                  + m.record().amount()
                  + " (syssn "
                  + m.record().syssn()
                  + "), the hub "
                  + m.expected()
                  + "; not settled");
      case CloudOutcome.Failed f ->
          new Verdict.Declined(
              DeclineReason.DECLINED_BY_TERMINAL,
              f.respcd(),
              "QFPay's cloud reports transaction status "
                  + f.respcd()
                  + (f.message() == null ? "" : ": " + f.message()));
      case CloudOutcome.Pending p ->
          new Verdict.Unknown("QFPay's cloud reports it still pending (" + p.respcd() + ")");
      case CloudOutcome.Refused r when r.reason() == RefusalReason.NO_SUCH_TRANSACTION ->
          new Verdict.Unknown("QFPay's cloud has no such transaction");
      case CloudOutcome.Refused r -> new Verdict.Unknown("QFPay's cloud refused: " + r.respcd());
      case CloudOutcome.NotSent n ->
          new Verdict.Unknown("the cloud was not reached: " + n.reason());
      case CloudOutcome.OutcomeUnknown u -> new Verdict.Unknown("no cloud answer: " + u.reason());
    };
  }

  /** A short account of the answer, for the reconciliation view. */
  static String said(CloudOutcome outcome) {
    return switch (outcome) {
      case CloudOutcome.Settled s ->
          "settled (0000), syssn " + s.record().syssn() + ", " + s.record().amount();
      case CloudOutcome.Mismatch m ->
          "amount differs: QFPay "
              + m.record().amount()
              + ", the hub "
              + m.expected()
              + " (syssn "
              + m.record().syssn()
              + ")";
      case CloudOutcome.Failed f ->
          "failed (" + f.respcd() + (f.message() == null ? ")" : ": " + f.message() + ")");
      case CloudOutcome.Pending p -> "pending (" + p.respcd() + ")";
      case CloudOutcome.Refused r ->
          "refused (" + r.respcd() + (r.message() == null ? ")" : ": " + r.message() + ")");
      case CloudOutcome.NotSent n -> "not reached: " + n.reason();
      case CloudOutcome.OutcomeUnknown u -> "no answer: " + u.reason();
    };
  }

  private static TransactionReport report(CloudRecord r) {
    return new TransactionReport(
        r.syssn(),
        r.outTradeNo(),
        r.originalSyssn(),
        null,
        r.respcd(),
        null,
        r.amount().currency().getCurrencyCode(),
        null,
        null,
        null,
        Map.of());
  }
}
