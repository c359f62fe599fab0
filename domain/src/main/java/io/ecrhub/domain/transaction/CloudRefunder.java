package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Refunds through QFPay's cloud ({@code /trade/v1/refund}, ADR 0021): the refund is committed
 * IN_PROGRESS with an out_trade_no of its own, sent once, and QFPay's answer is checked against it
 * (a refund record of our amount, out_trade_no and payment syssn) before it settles anything. No
 * answer is UNKNOWN, settled by reconciliation's cloud query, never by sending again; a refusal
 * settles the refund DECLINED and is raised to the caller as a {@link CloudRefundRefusedException}.
 */
final class CloudRefunder {
  private static final DateTimeFormatter HK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Hong_Kong"));

  private final Flow flow;
  private final CloudLedgers ledgers;

  CloudRefunder(Flow flow, CloudLedgers ledgers) {
    this.flow = flow;
    this.ledgers = ledgers;
  }

  /** Whether an account serves the store of {@code terminalId} (ADR 0028). */
  boolean configured(TerminalId terminalId) {
    return ledgers.any() && CloudSource.ledgerFor(flow, ledgers, terminalId).isPresent();
  }

  /** The refund's own out_trade_no: {@code EHR} and its id, unique because the id is. */
  static String outTradeNo(RefundId id) {
    String raw = id.value().startsWith("ref_") ? id.value().substring(4) : id.value();
    String full = "EHR" + raw;
    return io.ecrhub.domain.terminal.OutTradeNo.of(
            full.length() > 64 ? full.substring(0, 64) : full)
        .value();
  }

  /**
   * Sends the IN_PROGRESS cloud refund {@code id} of the payment {@code paymentSyssn} once and
   * records QFPay's answer; returns the refund as recorded.
   *
   * @throws CloudRefundRefusedException when QFPay refused it or could not be reached (the refund
   *     is recorded DECLINED, or FAILED when provably not sent)
   */
  Refund send(RefundId id, Syssn paymentSyssn) {
    Refund r = flow.tx(() -> flow.ports.refunds().findById(id)).orElseThrow();
    CloudRefund request =
        new CloudRefund(paymentSyssn.value(), r.outTradeNo().orElseThrow(), r.amount(), flow.now());
    Optional<CloudLedger> ledger = CloudSource.ledgerFor(flow, ledgers, r.terminalId());
    CloudOutcome outcome;
    try {
      outcome =
          ledger.isEmpty()
              ? new CloudOutcome.NotSent("no QFPay cloud account serves this terminal's store")
              : ledger.get().refund(request);
    } catch (RuntimeException e) {
      outcome = new CloudOutcome.OutcomeUnknown("the cloud refund call failed: " + e);
    }
    Verdict verdict = verdictOf(outcome, r, paymentSyssn);
    flow.change("refund " + id, () -> RefundStarter.applyAnswer(flow, id, verdict));
    Refund after = flow.tx(() -> flow.ports.refunds().findById(id)).orElseThrow();
    Optional<CloudRefundRefusedException> refused = refusal(outcome, after);
    if (refused.isPresent()) {
      throw refused.get();
    }
    return after;
  }

  /** What QFPay's answer to the refund request means for refund {@code r}. */
  static Verdict verdictOf(CloudOutcome outcome, Refund r, Syssn paymentSyssn) {
    return switch (outcome) {
      case CloudOutcome.Settled s ->
          CloudSource.refundMismatch(s.record(), r, paymentSyssn.value())
              .<Verdict>map(Verdict.Review::new)
              .orElseGet(
                  () ->
                      new Verdict.Succeeded(
                          CloudSource.report(s.record()),
                          "QFPay cloud refund (0000)",
                          ConfirmedBy.CLOUD,
                          false));
      case CloudOutcome.Mismatch m ->
          new Verdict.Review(
              "QFPay's cloud answered the refund with "
                  + m.record().amount()
                  + " (syssn "
                  + m.record().syssn()
                  + "), the hub asked "
                  + m.expected()
                  + "; not settled");
      case CloudOutcome.Pending p ->
          new Verdict.Unknown(
              "QFPay reports the refund still pending ("
                  + p.respcd()
                  + "); reconciliation queries it by out_trade_no");
      case CloudOutcome.Refused x ->
          new Verdict.Declined(
              DeclineReason.REFUSED_BY_CLOUD, x.respcd(), "QFPay refused: " + explain(x));
      case CloudOutcome.Failed f ->
          new Verdict.Declined(
              DeclineReason.REFUSED_BY_CLOUD,
              f.respcd(),
              "QFPay declined the refund ("
                  + f.respcd()
                  + (f.message() == null || f.message().isBlank()
                      ? ")"
                      : ": " + f.message() + ")"));
      case CloudOutcome.NotSent n ->
          new Verdict.Failed(DeclineReason.UNREACHABLE, "CLOUD_NOT_SENT", n.reason());
      case CloudOutcome.OutcomeUnknown u ->
          new Verdict.Unknown(
              "no answer from QFPay's cloud ("
                  + u.reason()
                  + "); reconciliation queries it by out_trade_no, it is never sent again");
    };
  }

  /** The caller's refusal for an answer that moved nothing; empty for any other answer. */
  static Optional<CloudRefundRefusedException> refusal(CloudOutcome outcome, Refund after) {
    String id = after.id().value();
    return switch (outcome) {
      case CloudOutcome.Refused x ->
          Optional.of(
              new CloudRefundRefusedException(
                  CloudRefundRefusedException.codeOf(x.reason()), explain(x), x.retryAt(), id));
      case CloudOutcome.Failed f ->
          Optional.of(
              new CloudRefundRefusedException(
                  "CLOUD_REFUND_DECLINED",
                  "QFPay's cloud declined the refund with code " + f.respcd() + "; nothing moved",
                  null,
                  id));
      case CloudOutcome.NotSent n ->
          Optional.of(
              new CloudRefundRefusedException(
                  "CLOUD_UNREACHABLE",
                  "QFPay's cloud could not be reached ("
                      + n.reason()
                      + "); the refund was not"
                      + " sent, try again",
                  null,
                  id));
      default -> Optional.empty();
    };
  }

  /** A refusal in plain words, with QFPay's code. */
  static String explain(CloudOutcome.Refused x) {
    String what =
        switch (x.reason()) {
          case REFUND_WINDOW_CLOSED ->
              "QFPay takes no refunds between 23:30 and 00:30 Hong Kong time"
                  + (x.retryAt() == null ? "" : "; try again from " + at(x.retryAt()));
          case INSUFFICIENT_BALANCE ->
              "the merchant's same-day balance at QFPay does not cover this refund";
          case PARTIAL_REFUND_NOT_ALLOWED, PARTIAL_REFUND_NOT_SUPPORTED ->
              "QFPay does not allow a partial refund of this payment; refund the full amount";
          case EXCEEDS_REFUNDABLE ->
              "QFPay says the refund exceeds what is left to refund on this payment";
          case NO_SUCH_TRANSACTION -> "QFPay's cloud has no such transaction";
          case DEVICE_NOT_BOUND -> "QFPay refused the request";
        };
    return what + " (QFPay code " + x.respcd() + ")";
  }

  private static String at(Instant t) {
    return HK_TIME.format(t) + " Hong Kong time (" + t + ")";
  }
}
