package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TransactionReport;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * QFPay's cloud as reconciliation's third source (ADR 0015): what a {@code /trade/v1/query} answer
 * means for one payment or refund. {@code 0000} with our amount settles it ({@code confirmedBy:
 * cloud}); 1143/1145 keep it pending; a definite failure code settles it failed (declined); a
 * different amount, or a record of the other kind, settles nothing and flags it for review; no
 * record, or no answer, says nothing.
 */
final class CloudSource {
  static final String NAME = "cloud";
  static final String NOT_SERVED = "not asked: no QFPay cloud account serves this store";

  private final Flow flow;
  private final CloudLedgers ledgers;

  CloudSource(Flow flow, CloudLedgers ledgers) {
    this.flow = flow;
    this.ledgers = ledgers;
  }

  /** Whether any cloud account could serve a store (a cheap check before a batch). */
  boolean anyConfigured() {
    return ledgers.any();
  }

  /** Whether an account serves the store of {@code terminalId} (ADR 0028). */
  boolean configured(TerminalId terminalId) {
    return ledgerFor(flow, ledgers, terminalId).isPresent();
  }

  /**
   * The ledger of the account that serves the store of {@code terminalId}: the store's own, else
   * the default; a terminal that is gone (or of no store) is served by the default account.
   */
  static Optional<CloudLedger> ledgerFor(Flow flow, CloudLedgers ledgers, TerminalId terminalId) {
    String store =
        flow.tx(() -> flow.ports.terminals().findById(terminalId))
            .flatMap(Terminal::storeId)
            .orElse(null);
    return ledgers.forStore(store);
  }

  /** What the cloud said and what it means. */
  record Answer(Verdict verdict, String said, CloudOutcome outcome) {}

  /**
   * Asks the cloud account of {@code terminalId}'s store about a transaction of {@code kind}; no
   * account says nothing ("not asked").
   */
  Answer ask(TerminalId terminalId, CloudQuery query, CloudRecord.Kind kind) {
    return ask(terminalId, query, kind, r -> Optional.empty());
  }

  /**
   * As {@link #ask(CloudQuery, CloudRecord.Kind)}; a settled record for which {@code mismatch}
   * names a difference (a refund of another payment, under another out_trade_no) settles nothing
   * and is reviewed.
   */
  Answer ask(
      TerminalId terminalId,
      CloudQuery query,
      CloudRecord.Kind kind,
      Function<CloudRecord, Optional<String>> mismatch) {
    Optional<CloudLedger> ledger = ledgerFor(flow, ledgers, terminalId);
    if (ledger.isEmpty()) {
      return new Answer(
          new Verdict.Unknown("no QFPay cloud account serves this terminal's store"),
          NOT_SERVED,
          new CloudOutcome.NotSent("no QFPay cloud account serves this terminal's store"));
    }
    CloudOutcome outcome;
    try {
      outcome = ledger.get().query(query);
    } catch (RuntimeException e) {
      outcome = new CloudOutcome.OutcomeUnknown("the cloud query failed: " + e);
    }
    Verdict v = verdictOf(outcome, kind);
    if (outcome instanceof CloudOutcome.Settled s && v instanceof Verdict.Succeeded) {
      Optional<String> differs = mismatch.apply(s.record());
      if (differs.isPresent()) {
        v = new Verdict.Review(differs.get());
      }
    }
    return new Answer(v, said(outcome), outcome);
  }

  /**
   * How QFPay's record of a refund differs from refund {@code r} of the payment {@code
   * paymentSyssn}, or empty when it is this refund: a refund record, of our amount, under our
   * out_trade_no and of our payment. A field QFPay did not return is not held against it (§8.3
   * documents only {@code syssn}, {@code orig_syssn} and {@code respcd} in a refund's answer).
   */
  static Optional<String> refundMismatch(CloudRecord record, Refund r, String paymentSyssn) {
    String what = "QFPay's cloud record " + record.syssn() + " ";
    if (record.kind() != CloudRecord.Kind.REFUND) {
      return Optional.of(what + "is not a refund; not settled on it");
    }
    if (!record.amount().equals(r.amount())) {
      return Optional.of(
          what
              + "refunds "
              + record.amount()
              + ", the hub's refund "
              + r.amount()
              + "; not settled");
    }
    String ours = r.outTradeNo().orElse(null);
    if (ours != null
        && record.outTradeNo() != null
        && !record.outTradeNo().isBlank()
        && !record.outTradeNo().equals(ours)) {
      return Optional.of(
          what
              + "has out_trade_no "
              + record.outTradeNo()
              + ", the hub's refund "
              + ours
              + "; not settled");
    }
    if (paymentSyssn != null
        && record.originalSyssn() != null
        && !record.originalSyssn().equals(paymentSyssn)) {
      return Optional.of(
          what
              + "refunds payment "
              + record.originalSyssn()
              + ", not "
              + paymentSyssn
              + "; not settled");
    }
    return Optional.empty();
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

  static TransactionReport report(CloudRecord r) {
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
