package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;

/**
 * What a terminal's answer to a trade or refund means for the transaction. Only {@link Failed} says
 * the request never took effect; anything that may have moved money is {@link Unknown}.
 */
sealed interface Verdict {

  /** The status this verdict moves a transaction to. */
  TransactionStatus target();

  /** Whether the answer settles the transaction (legal from UNKNOWN too). */
  default boolean definite() {
    return target() == TransactionStatus.SUCCEEDED
        || target() == TransactionStatus.DECLINED
        || target() == TransactionStatus.CANCELLED;
  }

  /**
   * @param confirmedBy what vouches for the success
   * @param confirmationPending true until a signed notification (or the cloud) confirms it
   */
  record Succeeded(
      TransactionReport report, String how, ConfirmedBy confirmedBy, boolean confirmationPending)
      implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.SUCCEEDED;
    }

    /** The reported syssn if it is a valid one, else null. */
    Syssn syssn() {
      try {
        return report.syssnOpt().map(Syssn::of).orElse(null);
      } catch (ValidationException e) {
        return null;
      }
    }
  }

  record Declined(DeclineReason reason, String code, String message) implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.DECLINED;
    }
  }

  record Cancelled(String message) implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.CANCELLED;
    }
  }

  record Failed(DeclineReason reason, String code, String message) implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.FAILED;
    }
  }

  record Unknown(String why) implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.UNKNOWN;
    }
  }

  /**
   * An answer that does not provably answer this transaction (ADR 0007): it settles nothing; the
   * transaction is (or stays) UNKNOWN, flagged for review with {@code note}, and reconciliation
   * goes on.
   */
  record Review(String note) implements Verdict {
    @Override
    public TransactionStatus target() {
      return TransactionStatus.UNKNOWN;
    }
  }

  /** Maps the answer to a trade (1001) for payment {@code p}, received over {@code t}. */
  static Verdict ofTradeAnswer(TerminalOutcome outcome, Payment p, Transport t) {
    if (outcome instanceof TerminalOutcome.Approved a) {
      return bound(AnswerBinding.ofTrade(a.report(), p, t), a.report(), "terminal answered 6000");
    }
    return ofBusinessAnswer(outcome);
  }

  /**
   * Maps the answer to a refund (1002) of the payment with syssn {@code paymentSyssn}, received
   * over {@code t}.
   */
  static Verdict ofRefundAnswer(
      TerminalOutcome outcome, Refund r, Syssn paymentSyssn, Transport t) {
    if (outcome instanceof TerminalOutcome.Approved a) {
      return bound(
          AnswerBinding.ofRefund(a.report(), r, paymentSyssn, t),
          a.report(),
          "terminal answered 6000");
    }
    return ofBusinessAnswer(outcome);
  }

  /** An approval read through its status once the binding rules had their say. */
  static Verdict bound(AnswerBinding.Result binding, TransactionReport report, String how) {
    return switch (binding) {
      case AnswerBinding.Mismatch m -> new Review(m.note());
      case AnswerBinding.Bound b ->
          ofApprovedReport(report, how, b.confirmedBy(), b.confirmationPending());
    };
  }

  /**
   * Maps an answer that is not an approval. 4004/4006 (wrong method, bad parameters) mean the
   * terminal refused the request's form before acting; any other protocol error, a NotFound, and an
   * approval whose transaction status is still pending may hide a moved payment.
   */
  static Verdict ofBusinessAnswer(TerminalOutcome outcome) {
    return switch (outcome) {
      case TerminalOutcome.Approved a ->
          new Review("terminal answered 6000 to a request the hub cannot bind it to");
      case TerminalOutcome.Declined d ->
          new Declined(
              d.reason() == null ? DeclineReason.DECLINED_BY_TERMINAL : d.reason(),
              d.rawCode(),
              d.message());
      case TerminalOutcome.Cancelled c -> new Cancelled(c.message());
      case TerminalOutcome.NotSent n ->
          new Failed(reasonFor(n.cause()), n.cause().name(), n.detail());
      case TerminalOutcome.OutcomeUnknown u -> new Unknown(u.detail());
      case TerminalOutcome.Busy b -> new Failed(DeclineReason.TERMINAL_BUSY, "BUSY", b.detail());
      case TerminalOutcome.KeyMismatch k ->
          new Failed(DeclineReason.KEY_MISMATCH, k.rawCode(), k.message());
      case TerminalOutcome.LoggedOut l -> new Failed(DeclineReason.LOGGED_OUT, "4007", l.message());
      case TerminalOutcome.ProtocolError p ->
          "4004".equals(p.rawCode()) || "4006".equals(p.rawCode())
              ? new Failed(DeclineReason.PROTOCOL_ERROR, p.rawCode(), p.message())
              : new Unknown("terminal answered respcd " + p.rawCode() + ": " + p.message());
      case TerminalOutcome.NotFound f ->
          new Unknown("terminal answered that it knows no such transaction: " + f.message());
    };
  }

  /**
   * An approval read through its transaction status code: 0000 (or none) succeeded, 1143/1145/1298
   * still pending, anything else unsuccessful.
   */
  static Verdict ofApprovedReport(
      TransactionReport report, String how, ConfirmedBy by, boolean confirmationPending) {
    if (report.statusPending()) {
      return new Unknown(
          "terminal reports the transaction still pending (" + report.statusCode() + ")");
    }
    if (report.statusSucceeded()) {
      return new Succeeded(report, how, by, confirmationPending);
    }
    return new Declined(
        DeclineReason.DECLINED_BY_TERMINAL,
        report.statusCode(),
        "terminal reports transaction status " + report.statusCode());
  }

  static DeclineReason reasonFor(TerminalOutcome.NotSentCause cause) {
    return switch (cause) {
      case CERTIFICATE_UNTRUSTED, CERTIFICATE_CHANGED -> DeclineReason.CERTIFICATE_PROBLEM;
      case CONNECT_FAILED, UNRESOLVED, TLS_HANDSHAKE_FAILED, CONFIGURATION, CHANNEL_CLOSED ->
          DeclineReason.UNREACHABLE;
    };
  }

  /** Moves {@code t} (a payment or a refund) as this verdict says. */
  default void applyTo(Settleable t, Instant now) {
    switch (this) {
      case Succeeded s ->
          t.succeed(s.syssn(), s.report(), s.how(), s.confirmedBy(), s.confirmationPending(), now);
      case Declined d -> t.decline(d.reason(), d.code(), d.message(), now);
      case Cancelled c -> t.cancel(c.message() == null ? "6001" : c.message(), now);
      case Failed f -> t.fail(f.reason(), f.code(), f.message(), now);
      case Unknown u -> t.markUnknown(u.why(), now);
      case Review v -> {
        if (t.status() == TransactionStatus.IN_PROGRESS) {
          t.markUnknown(v.note(), now);
        }
        if (!v.note().equals(t.reviewNote().orElse(null))) {
          t.flagForReview(v.note(), now);
        }
      }
    }
  }
}
