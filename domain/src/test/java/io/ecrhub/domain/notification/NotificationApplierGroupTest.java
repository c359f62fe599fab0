package io.ecrhub.domain.notification;

import static io.ecrhub.domain.notification.NotificationApplierTest.note;
import static io.ecrhub.domain.notification.NotificationApplierTest.paymentNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.Fakes.InMemoryPayments;
import io.ecrhub.domain.notification.Fakes.RecordingEvents;
import io.ecrhub.domain.notification.Fakes.SerialUnitOfWork;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.testing.InMemoryRefunds;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link NotificationApplier#applyAll}: a group of notifications stored in one transaction. */
class NotificationApplierGroupTest {
  final InMemoryPayments payments = new InMemoryPayments();
  final RecordingEvents events = new RecordingEvents();
  final SerialUnitOfWork uow = new SerialUnitOfWork();
  final AtomicInteger seq = new AtomicInteger();
  final CountingMatcher matcher = new CountingMatcher(PaymentMatcher.using(payments));
  final NotificationApplier applier =
      new NotificationApplier(
          payments,
          new InMemoryRefunds(),
          uow,
          events,
          Clock.fixed(NotificationApplierTest.T0.plusSeconds(60), ZoneOffset.UTC),
          () -> "id" + seq.incrementAndGet(),
          matcher);

  /** Counts look-ups; {@link #known} is the port's default (one find per identifier). */
  static final class CountingMatcher implements PaymentMatcher {
    final PaymentMatcher delegate;
    int finds;
    int knowns;

    CountingMatcher(PaymentMatcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public Matches find(Optional<OutTradeNo> outTradeNo, Optional<Syssn> syssn) {
      finds++;
      return delegate.find(outTradeNo, syssn);
    }

    @Override
    public Known known(Set<OutTradeNo> outTradeNos, Set<Syssn> syssns) {
      knowns++;
      Known k = delegate.known(outTradeNos, syssns);
      finds = 0; // the default answers through find; count only the group's own look-ups
      return k;
    }
  }

  Payment payment(String id, String outTradeNo, String amount, TransactionStatus status) {
    return payments.save(NotificationApplierTest.newPayment(id, outTradeNo, amount, status));
  }

  @Test
  void notificationsNamingNoPayment_areParkedFromOneLookUpForTheWholeGroup() {
    QfpayNotification unfreeze =
        note(NotificationType.PREAUTH_RELEASE, "U1", "x", null, null, "100", "HKD", "1", "0000");

    List<ApplyResult> results =
        applier.applyAll(
            List.of(
                paymentNote("order-1", "SYS1", "100", "HKD"),
                unfreeze,
                paymentNote("order-2", "SYS2", "200", "HKD"),
                paymentNote("order-3", "SYS3", "300", "HKD")));

    assertThat(results)
        .extracting(ApplyResult::inboxStatus)
        .containsExactly(
            InboxStatus.PARKED, InboxStatus.IGNORED, InboxStatus.PARKED, InboxStatus.PARKED);
    assertThat(results.get(0).note()).contains("order-1", "SYS1");
    assertThat(matcher.knowns).isEqualTo(1);
    assertThat(matcher.finds).isZero();
    assertThat(uow.commits).isEqualTo(1);
    assertThat(events.published).isEmpty();
  }

  @Test
  void knownPayments_areSettledAsOneByOne_withTheirEventsInTheGroupsUnitOfWork() {
    Payment first = payment("pay_1", "order-1", "1.00", TransactionStatus.UNKNOWN);
    Payment second = payment("pay_2", "order-2", "2.00", TransactionStatus.IN_PROGRESS);

    List<ApplyResult> results =
        applier.applyAll(
            List.of(
                paymentNote("order-1", "SYS1", "100", "HKD"),
                paymentNote("order-9", "SYS9", "900", "HKD"),
                paymentNote("order-2", "SYS2", "200", "HKD")));

    assertThat(results)
        .extracting(ApplyResult::inboxStatus)
        .containsExactly(InboxStatus.APPLIED, InboxStatus.PARKED, InboxStatus.APPLIED);
    assertThat(payments.get(first.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(payments.get(second.id()).syssn()).contains(Syssn.of("SYS2"));
    assertThat(events.types()).containsExactly("payment.succeeded", "payment.succeeded");
    assertThat(uow.commits).isEqualTo(1);
  }

  @Test
  void afterAChangeInTheGroup_laterNotificationsAreMatchedOnTheirOwn_notFromTheStaleLookUp() {
    // order-1's settlement records syssn SYS1 on pay_1; the look-up before the group found no
    // payment with SYS1, so a later notification naming only SYS1 must not be parked from it
    payment("pay_1", "order-1", "1.00", TransactionStatus.UNKNOWN);
    QfpayNotification bySyssnOnly =
        note(NotificationType.PAYMENT, "SYS1", "order-x", null, null, "100", "HKD", "1", "0000");

    List<ApplyResult> results =
        applier.applyAll(List.of(paymentNote("order-1", "SYS1", "100", "HKD"), bySyssnOnly));

    assertThat(results.get(0)).isInstanceOf(ApplyResult.Applied.class);
    assertThat(results.get(1)).isNotInstanceOf(ApplyResult.Parked.class);
    assertThat(results.get(1)).isInstanceOf(ApplyResult.AlreadyApplied.class);
    assertThat(matcher.finds).isEqualTo(2);
  }

  @Test
  void aConcurrentChange_isNotRetriedInsideTheGroup_itFailsTheGroup() {
    payment("pay_1", "order-1", "1.00", TransactionStatus.UNKNOWN);
    payments.failNextSaves = 1;

    assertThatThrownBy(
            () -> applier.applyAll(List.of(paymentNote("order-1", "SYS1", "100", "HKD"))))
        .isInstanceOf(ConcurrentModificationException.class);
    assertThat(events.published).isEmpty();
  }

  @Test
  void defaultKnown_reportsExactlyTheIdentifiersSomePaymentHas() {
    payment("pay_1", "order-1", "1.00", TransactionStatus.SUCCEEDED); // syssn SYS-pay_1
    PaymentMatcher plain = PaymentMatcher.using(payments);

    PaymentMatcher.Known known =
        plain.known(
            Set.of(OutTradeNo.of("order-1"), OutTradeNo.of("order-2")),
            Set.of(Syssn.of("SYS-pay_1"), Syssn.of("SYS-none")));

    assertThat(known.outTradeNos()).containsExactly(OutTradeNo.of("order-1"));
    assertThat(known.syssns()).containsExactly(Syssn.of("SYS-pay_1"));
    assertThat(known.anyOf(Optional.of(OutTradeNo.of("order-2")), Optional.empty())).isFalse();
    assertThat(known.anyOf(Optional.empty(), Optional.of(Syssn.of("SYS-pay_1")))).isTrue();
    assertThat(payments.get(new PaymentId("pay_1")).status())
        .isEqualTo(TransactionStatus.SUCCEEDED);
  }
}
