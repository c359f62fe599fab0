package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refunds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Applies verified QFPay notifications to payments and refunds (protocol doc §7.5): settles UNKNOWN
 * or IN_PROGRESS transactions, records refunds done outside the hub, flags contradictions for
 * review and parks what matches nothing yet. Each notification is applied in one unit of work that
 * also publishes its events (so they are stored with the change); a concurrent change is retried a
 * few times.
 */
public final class NotificationApplier implements ApplyNotification {
  static final int MAX_ATTEMPTS = 4;

  private final UnitOfWork unitOfWork;
  private final EventPublisher events;
  private final Clock clock;
  private final PaymentSettlement payments;
  private final RefundSettlement refunds;

  public NotificationApplier(
      Payments payments,
      Refunds refunds,
      UnitOfWork unitOfWork,
      EventPublisher events,
      Clock clock,
      IdGenerator ids) {
    this(payments, refunds, unitOfWork, events, clock, ids, PaymentMatcher.using(payments));
  }

  /**
   * @param matcher finds the payments a payment notification names (both identifiers at once)
   */
  public NotificationApplier(
      Payments payments,
      Refunds refunds,
      UnitOfWork unitOfWork,
      EventPublisher events,
      Clock clock,
      IdGenerator ids,
      PaymentMatcher matcher) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.events = Objects.requireNonNull(events);
    this.clock = Objects.requireNonNull(clock);
    this.payments = new PaymentSettlement(payments, Objects.requireNonNull(matcher));
    this.refunds = new RefundSettlement(payments, refunds, ids);
  }

  @Override
  public ApplyResult apply(QfpayNotification n) {
    return apply(n, r -> {});
  }

  @Override
  public ApplyResult apply(QfpayNotification n, Consumer<ApplyResult> sameTransaction) {
    Objects.requireNonNull(n, "notification");
    ApplyResult ignored = ignoredOrNull(n);
    if (ignored != null) {
      unitOfWork.run(() -> sameTransaction.accept(ignored));
      return ignored;
    }
    ConcurrentModificationException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        Outcome outcome =
            unitOfWork.inTransaction(
                () -> {
                  Outcome o = applyOnce(n);
                  sameTransaction.accept(o.result());
                  o.events().forEach(events::publish);
                  return o;
                });
        return outcome.result();
      } catch (ConcurrentModificationException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * Applies a group of notifications in the caller's unit of work, in order, each publishing its
   * events there. Payment notifications that name no payment the hub has are parked from one
   * look-up for the whole group ({@link PaymentMatcher#known}), as long as nothing earlier in the
   * group changed anything (only parked or ignored results so far); after that each is matched on
   * its own. No retry on a concurrent change: the failure propagates and the group rolls back.
   */
  @Override
  public List<ApplyResult> applyAll(List<QfpayNotification> notifications) {
    return unitOfWork.inTransaction(
        () -> {
          PaymentMatcher.Known known = payments.known(notifications);
          boolean nothingChanged = true;
          List<ApplyResult> results = new ArrayList<>(notifications.size());
          for (QfpayNotification n : notifications) {
            ApplyResult ignored = ignoredOrNull(n);
            if (ignored != null) {
              results.add(ignored);
              continue;
            }
            if (nothingChanged && PaymentSettlement.namesNoKnownPayment(n, known)) {
              results.add(PaymentSettlement.parked(n));
              continue;
            }
            Outcome o = applyOnce(n);
            o.events().forEach(events::publish);
            results.add(o.result());
            nothingChanged &= o.result() instanceof ApplyResult.Parked && o.events().isEmpty();
          }
          return results;
        });
  }

  private static ApplyResult ignoredOrNull(QfpayNotification n) {
    if (!n.reportsSuccess()) {
      return new ApplyResult.Ignored(
          "notification does not report a success (status="
              + n.status()
              + ", respcd="
              + n.respcd()
              + "); nothing applied");
    }
    if (n.type() == NotificationType.PREAUTH_RELEASE) {
      return new ApplyResult.Ignored(
          "preauth release (unfreeze) stored; the hub runs no preauthorisations to apply it to");
    }
    return null;
  }

  private Outcome applyOnce(QfpayNotification n) {
    return switch (n.type()) {
      case PAYMENT -> payments.apply(n, clock.instant());
      case REFUND -> refunds.apply(n, clock.instant());
      case PREAUTH_RELEASE -> throw new IllegalStateException("handled before");
    };
  }

  /** The result plus the events it raised, published in the same unit of work. */
  record Outcome(ApplyResult result, List<DomainEvent> events) {
    Outcome {
      events = List.copyOf(events);
    }

    static Outcome of(ApplyResult result) {
      return new Outcome(result, List.of());
    }
  }
}
