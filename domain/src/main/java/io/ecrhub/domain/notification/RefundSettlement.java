package io.ecrhub.domain.notification;

import io.ecrhub.domain.notification.NotificationApplier.Outcome;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rule for refund notifications: the refund's own syssn first, then its payment by
 * orig_out_trade_no / orig_syssn; settle the in-flight refund of that amount, or record a refund
 * done outside the hub.
 */
final class RefundSettlement {
  private final Payments payments;
  private final Refunds refunds;
  private final IdGenerator ids;

  RefundSettlement(Payments payments, Refunds refunds, IdGenerator ids) {
    this.payments = payments;
    this.refunds = refunds;
    this.ids = ids;
  }

  Outcome apply(QfpayNotification n, Instant now) {
    Optional<Syssn> syssn = Matching.syssn(n.syssn());
    Optional<Refund> own = syssn.flatMap(refunds::findBySyssn);
    if (own.isPresent()) {
      Optional<Payment> payment = payments.findById(own.get().paymentId());
      return settleKnown(own.get(), payment.orElse(null), syssn.get(), n, now);
    }
    Optional<Payment> found =
        Matching.outTradeNo(n.originalOutTradeNo()).flatMap(payments::findByOutTradeNo);
    if (found.isEmpty()) {
      found = Matching.syssn(n.originalSyssn()).flatMap(payments::findBySyssn);
    }
    if (found.isEmpty()) {
      return Outcome.of(
          new ApplyResult.Parked(
              "no payment with orig_out_trade_no "
                  + n.originalOutTradeNo()
                  + " or orig_syssn "
                  + n.originalSyssn()
                  + " yet; applied when it appears"));
    }
    Payment payment = found.get();
    if (payment.status().needsReconciliation() || payment.status() == TransactionStatus.PENDING) {
      return Outcome.of(
          new ApplyResult.Parked(
              "payment "
                  + payment.id()
                  + " is "
                  + payment.status()
                  + "; the refund is applied once the payment has settled"));
    }
    if (payment.status() != TransactionStatus.SUCCEEDED) {
      return flag(
          payment,
          null,
          "QFPay reports refund syssn "
              + n.syssn()
              + " of a payment the hub has "
              + payment.status(),
          now);
    }
    Optional<String> currency = Matching.currencyMismatch(n, payment.amount(), "payment amount");
    if (currency.isPresent()) {
      return flag(payment, null, currency.get() + " (refund syssn " + n.syssn() + ")", now);
    }
    Money amount = Matching.amountIn(n, payment.amount());
    Optional<Refund> unconfirmed =
        refunds.findByPayment(payment.id()).stream()
            .filter(
                r ->
                    r.status() == TransactionStatus.SUCCEEDED
                        && r.syssn().isEmpty()
                        && r.confirmationPending()
                        && r.amount().equals(amount))
            .min(Comparator.comparing(Refund::createdAt));
    if (unconfirmed.isPresent()) {
      // settled on a terminal answer that lacked its syssn: this is its confirmation
      return settleKnown(unconfirmed.get(), payment, syssn.orElse(null), n, now);
    }
    List<Refund> inFlight =
        refunds.findByPayment(payment.id()).stream()
            .filter(r -> r.status().needsReconciliation() && r.syssn().isEmpty())
            .sorted(Comparator.comparing(Refund::createdAt))
            .toList();
    Optional<Refund> same = inFlight.stream().filter(r -> r.amount().equals(amount)).findFirst();
    if (same.isPresent()) {
      return settleKnown(same.get(), payment, syssn.orElse(null), n, now);
    }
    if (!inFlight.isEmpty()) {
      return flag(
          payment,
          null,
          "QFPay reports a refund of "
              + amount
              + " (syssn "
              + n.syssn()
              + ") but the hub's refunds in flight are for "
              + inFlight.stream().map(r -> r.id() + " " + r.amount()).toList(),
          now);
    }
    return recordExternal(payment, amount, syssn.orElse(null), n, now);
  }

  private Outcome settleKnown(
      Refund refund, Payment payment, Syssn syssn, QfpayNotification n, Instant now) {
    Optional<String> mismatch = Matching.mismatch(n, refund.amount(), "refund amount");
    if (mismatch.isPresent()) {
      return flag(null, refund, mismatch.get() + " (refund syssn " + n.syssn() + ")", now);
    }
    if (refund.status() == TransactionStatus.SUCCEEDED) {
      ApplyResult already =
          new ApplyResult.AlreadyApplied(
              refund.id().value(), "refund " + refund.id() + " had already succeeded");
      if (refund.confirmedBy().orElse(null) == ConfirmedBy.NOTIFICATION) {
        return Outcome.of(already);
      }
      refund.confirm(ConfirmedBy.NOTIFICATION, syssn, now);
      return saved(null, refund, already);
    }
    if (!refund.status().needsReconciliation()) {
      return flag(
          null,
          refund,
          "QFPay reports refund syssn "
              + n.syssn()
              + " succeeded but the hub has it "
              + refund.status(),
          now);
    }
    if (payment == null) {
      return flag(null, refund, "the refund's payment " + refund.paymentId() + " is missing", now);
    }
    try {
      payment.recordRefund(refund.amount(), now);
    } catch (DomainException e) {
      return flag(payment, refund, "cannot settle refund: " + e.getMessage(), now);
    }
    refund.succeed(
        syssn,
        "QFPay notification (syssn " + n.syssn() + ")",
        ConfirmedBy.NOTIFICATION,
        false,
        now);
    return saved(
        payment,
        refund,
        new ApplyResult.Applied(
            refund.id().value(), "refund " + refund.id() + " settled to SUCCEEDED"));
  }

  private Outcome recordExternal(
      Payment payment, Money amount, Syssn syssn, QfpayNotification n, Instant now) {
    if (syssn == null) {
      return flag(
          payment, null, "QFPay reports a refund without a usable syssn: " + n.syssn(), now);
    }
    try {
      payment.recordRefund(amount, now);
    } catch (DomainException e) {
      return flag(
          payment,
          null,
          "QFPay reports an external refund of "
              + amount
              + " (syssn "
              + syssn
              + ") that the hub cannot record: "
              + e.getMessage(),
          now);
    }
    Refund external =
        Refund.external(
            new Refund.Facts(
                new RefundId("ref_" + ids.next()), payment.id(), payment.terminalId(), amount),
            syssn,
            now);
    return saved(
        payment,
        external,
        new ApplyResult.Applied(
            external.id().value(),
            "refund done outside the hub recorded as "
                + external.id()
                + " on payment "
                + payment.id()));
  }

  private Outcome flag(Payment payment, Refund refund, String note, Instant now) {
    if (refund != null) {
      refund.flagForReview(note, now);
    }
    if (payment != null) {
      payment.flagForReview(note, now);
    }
    String id = refund != null ? refund.id().value() : payment.id().value();
    return saved(payment, refund, new ApplyResult.FlaggedForReview(id, note));
  }

  private Outcome saved(Payment payment, Refund refund, ApplyResult result) {
    List<DomainEvent> events = new ArrayList<>();
    if (refund != null) {
      refunds.save(refund);
      events.addAll(refund.drainEvents());
    }
    if (payment != null) {
      payments.save(payment);
      events.addAll(payment.drainEvents());
    }
    return new Outcome(result, events);
  }
}
