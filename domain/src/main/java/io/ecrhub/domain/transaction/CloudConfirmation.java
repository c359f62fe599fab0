package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Syssn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Confirms unauthenticated settlements through QFPay's cloud (ADR 0007, 0015): a payment settled
 * SUCCEEDED on an answer that waits for confirmation (a plain HTTP/TCP answer) is looked up by its
 * out_trade_no (and syssn) on the reconciliation schedule. QFPay's record of it with our amount
 * confirms it ({@code confirmedBy: cloud}); a different amount, a failure, or no such transaction
 * (once QFPay has had {@link #GRACE} to record it) contradicts it and flags it for review ({@code
 * payment.review_required}), after which the cloud is not asked again about it. Anything else (no
 * answer, pending) is asked again {@link #RETRY} later. A settlement is never undone here: a
 * contradiction is an operator's decision.
 *
 * <p>Only settlements of the last {@link #WINDOW} are looked at; the payment's {@code
 * nextReconcileAt} (unused once settled) holds when the cloud is asked next.
 */
final class CloudConfirmation {
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration RETRY = Duration.ofSeconds(30);
  static final Duration GRACE = Duration.ofMinutes(2);

  /**
   * When a payment whose store no account serves (ADR 0028) is looked at again: seldom, so such
   * payments are not rewritten every {@link #RETRY}, yet an account added for the store meanwhile
   * is still used within the window.
   */
  static final Duration NOT_SERVED_RETRY = Duration.ofMinutes(10);

  static final String PREFIX = "QFPay's cloud contradicts the settlement: ";

  private final Flow flow;
  private final CloudSource cloud;
  private final Reconciliation loop;

  /** Payments, due when their settlement awaits confirmation. */
  private final Ledger<PaymentId, Payment> payments;

  CloudConfirmation(Flow flow, CloudSource cloud, Reconciliation loop) {
    this.flow = flow;
    this.cloud = cloud;
    this.loop = loop;
    Ledger<PaymentId, Payment> all = Ledger.payments(flow.ports);
    this.payments =
        new Ledger<>(
            all.kind(),
            all.finder(),
            all.saver(),
            (now, limit) ->
                flow.ports.payments().findAwaitingConfirmation(now, now.minus(WINDOW), limit));
  }

  /** Asks the cloud about each due settlement; how many were confirmed. */
  int confirmDue(Instant now, int batch) {
    return cloud.anyConfigured() ? loop.settleDue(payments, now, batch, this::confirm) : 0;
  }

  private boolean confirm(Payment p) {
    CloudSource.Answer answer =
        cloud.ask(
            p.terminalId(),
            new CloudQuery(
                p.outTradeNo().value(),
                p.syssn().map(Syssn::value).orElse(null),
                p.amount().currency(),
                p.amount()),
            CloudRecord.Kind.PAYMENT);
    String contradiction = contradiction(p, answer.outcome(), flow.now());
    flow.change(
        payments.label(p.id()),
        () -> {
          Payment fresh = payments.load(p.id());
          Instant at = flow.now();
          if (fresh.status() != TransactionStatus.SUCCEEDED || !fresh.confirmationPending()) {
            return List.of();
          }
          fresh
              .lifecycle()
              .recordSources(
                  ReconcileSources.format(
                      List.of(new ReconcileSources.Said(CloudSource.NAME, answer.said()))));
          if (answer.outcome() instanceof CloudOutcome.Settled s && contradiction == null) {
            fresh.confirm(ConfirmedBy.CLOUD, syssnOf(s.record()), at);
          } else if (contradiction != null) {
            if (!contradiction.equals(fresh.reviewNote().orElse(null))) {
              fresh.flagForReview(contradiction, at);
            }
            fresh.scheduleReconcile(fresh.updatedAt().plus(WINDOW).plus(WINDOW));
          } else if (CloudSource.NOT_SERVED.equals(answer.said())) {
            fresh.scheduleReconcile(at.plus(NOT_SERVED_RETRY));
          } else {
            fresh.scheduleReconcile(at.plus(RETRY));
          }
          payments.save(fresh);
          return fresh.drainEvents();
        });
    return flow.tx(() -> payments.load(p.id())).confirmedBy().orElse(null) == ConfirmedBy.CLOUD;
  }

  /** Why QFPay's answer contradicts the settlement of {@code p}, or null when it does not. */
  static String contradiction(Payment p, CloudOutcome outcome, Instant now) {
    return switch (outcome) {
      case CloudOutcome.Settled s when s.record().kind() != CloudRecord.Kind.PAYMENT ->
          PREFIX + "its record " + s.record().syssn() + " is a refund";
      case CloudOutcome.Settled s
          when p.syssn().isPresent() && !p.syssn().get().value().equals(s.record().syssn()) ->
          PREFIX + "its record has syssn " + s.record().syssn() + ", the hub " + p.syssn().get();
      case CloudOutcome.Settled s -> null;
      case CloudOutcome.Mismatch m ->
          PREFIX + "it records " + m.record().amount() + ", the hub " + m.expected();
      case CloudOutcome.Failed f -> PREFIX + "it reports transaction status " + f.respcd();
      case CloudOutcome.Refused r
          when r.reason() == RefusalReason.NO_SUCH_TRANSACTION
              && now.isAfter(p.updatedAt().plus(GRACE)) ->
          PREFIX + "it has no such transaction";
      default -> null;
    };
  }

  private static Syssn syssnOf(CloudRecord r) {
    try {
      return Syssn.of(r.syssn());
    } catch (ValidationException e) {
      return null;
    }
  }
}
