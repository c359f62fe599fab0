package io.ecrhub.domain.notification;

import io.ecrhub.domain.notification.NotificationApplier.Outcome;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rule for payment notifications: match by out_trade_no (then syssn), check, settle. */
final class PaymentSettlement {
  private final Payments payments;
  private final PaymentMatcher matcher;

  PaymentSettlement(Payments payments, PaymentMatcher matcher) {
    this.payments = payments;
    this.matcher = matcher;
  }

  /** Which identifiers of these payment notifications some payment has (one look-up). */
  PaymentMatcher.Known known(List<QfpayNotification> notifications) {
    Set<OutTradeNo> refs = new HashSet<>();
    Set<Syssn> syssns = new HashSet<>();
    for (QfpayNotification n : notifications) {
      if (n.type() == NotificationType.PAYMENT) {
        Matching.outTradeNo(n.outTradeNo()).ifPresent(refs::add);
        Matching.syssn(n.syssn()).ifPresent(syssns::add);
      }
    }
    return refs.isEmpty() && syssns.isEmpty()
        ? new PaymentMatcher.Known(Set.of(), Set.of())
        : matcher.known(refs, syssns);
  }

  /** Whether {@code known} shows that no payment has an identifier this notification names. */
  static boolean namesNoKnownPayment(QfpayNotification n, PaymentMatcher.Known known) {
    return n.type() == NotificationType.PAYMENT
        && !known.anyOf(Matching.outTradeNo(n.outTradeNo()), Matching.syssn(n.syssn()));
  }

  Outcome apply(QfpayNotification n, Instant now) {
    Optional<Syssn> syssn = Matching.syssn(n.syssn());
    PaymentMatcher.Matches found = matcher.find(Matching.outTradeNo(n.outTradeNo()), syssn);
    Optional<Payment> byRef = found.byOutTradeNo();
    Optional<Payment> bySyssn = found.bySyssn();
    if (byRef.isEmpty() && bySyssn.isEmpty()) {
      return Outcome.of(parked(n));
    }
    Payment payment = byRef.orElseGet(bySyssn::get);
    if (byRef.isPresent() && bySyssn.isPresent() && !byRef.get().id().equals(bySyssn.get().id())) {
      return flag(
          payment,
          "QFPay syssn "
              + n.syssn()
              + " is already recorded on payment "
              + bySyssn.get().id()
              + "; this notification names out_trade_no "
              + n.outTradeNo(),
          now);
    }
    Optional<String> mismatch = Matching.mismatch(n, payment.amount(), "payment amount");
    if (mismatch.isPresent()) {
      return flag(payment, mismatch.get() + " (syssn " + n.syssn() + ")", now);
    }
    return switch (payment.status()) {
      case SUCCEEDED -> alreadySucceeded(payment, n, now);
      case UNKNOWN, IN_PROGRESS -> settle(payment, syssn.orElse(null), n, now);
      case PENDING, DECLINED, CANCELLED, FAILED ->
          flag(
              payment,
              "QFPay reports payment syssn "
                  + n.syssn()
                  + " succeeded but the hub has it "
                  + payment.status(),
              now);
    };
  }

  static ApplyResult.Parked parked(QfpayNotification n) {
    return new ApplyResult.Parked(
        "no payment with out_trade_no "
            + n.outTradeNo()
            + " or syssn "
            + n.syssn()
            + " yet; applied when it appears");
  }

  private Outcome alreadySucceeded(Payment payment, QfpayNotification n, Instant now) {
    Optional<Syssn> recorded = payment.syssn();
    if (recorded.isEmpty() || recorded.get().value().equals(n.syssn())) {
      ApplyResult already =
          new ApplyResult.AlreadyApplied(
              payment.id().value(), "payment " + payment.id() + " had already succeeded");
      if (payment.confirmedBy().orElse(null) == ConfirmedBy.NOTIFICATION) {
        return Outcome.of(already);
      }
      // QFPay's signed word confirms a settlement made on a terminal's answer (ADR 0007)
      payment.confirm(ConfirmedBy.NOTIFICATION, Matching.syssn(n.syssn()).orElse(null), now);
      return saved(payment, already);
    }
    return flag(
        payment,
        "payment already succeeded with syssn "
            + recorded.get()
            + " but QFPay reports another success with syssn "
            + n.syssn()
            + " (possible second charge)",
        now);
  }

  private Outcome settle(Payment payment, Syssn syssn, QfpayNotification n, Instant now) {
    payment.succeed(
        syssn,
        "QFPay notification (syssn " + n.syssn() + ")",
        ConfirmedBy.NOTIFICATION,
        false,
        now);
    return saved(
        payment,
        new ApplyResult.Applied(
            payment.id().value(), "payment " + payment.id() + " settled to SUCCEEDED"));
  }

  private Outcome flag(Payment payment, String note, Instant now) {
    payment.flagForReview(note, now);
    return saved(payment, new ApplyResult.FlaggedForReview(payment.id().value(), note));
  }

  private Outcome saved(Payment payment, ApplyResult result) {
    payments.save(payment);
    List<DomainEvent> events = List.copyOf(payment.drainEvents());
    return new Outcome(result, events);
  }
}
