package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentService;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundPayment;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.TransactionPorts;
import io.ecrhub.domain.transaction.TransactionSettings;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two refunds of one payment recorded at the same moment, on the real database (H2, and PostgreSQL
 * in the PostgreSQL run): the refund use case over the application's own ports, with one seam in
 * the payments port that lets both units of work read and decide before either writes. The
 * payment's optimistic version (touched in the refund's unit of work, ADR 0021) makes the later one
 * conflict; it decides again on what is left and is refused. Without the version check both would
 * be recorded and sent, 16.00 of a 10.50 payment.
 */
@QuarkusTest
class ConcurrentRefundsTest {
  @Inject TransactionPorts ports;
  @Inject TransactionSettings settings;
  @Inject IdGenerator ids;
  @Inject Clock clock;

  @Test
  void twoCloudRefundsOfOnePaymentAtOnce_oneIsRecordedAndSent_theOtherIsRefused() throws Exception {
    Payment p = PanachePaymentsTest.newPayment(Api.unique("t"), Instant.now(), null);
    p.markInProgress(Instant.now());
    p.succeed(Syssn.of(Api.unique("s")), "terminal", null, false, Instant.now());
    Payment paid = ports.payments().save(p);

    CyclicBarrier bothDecided = new CyclicBarrier(2);
    AtomicInteger firstSaves = new AtomicInteger();
    Payments seam = meetingBeforeSave(ports.payments(), paid, bothDecided, firstSaves);
    List<CloudRefund> sent = new CopyOnWriteArrayList<>();
    CloudLedger cloud =
        new CloudLedger() {
          @Override
          public CloudOutcome query(CloudQuery query) {
            return new CloudOutcome.OutcomeUnknown("not asked in this test");
          }

          @Override
          public CloudOutcome refund(CloudRefund refund) {
            sent.add(refund);
            return new CloudOutcome.OutcomeUnknown("recorded by the test; no answer");
          }
        };
    ExecutorService outcomes = Executors.newSingleThreadExecutor();
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      PaymentService service =
          new PaymentService(
              withPayments(ports, seam),
              clock,
              ids,
              "concurrent-refunds-test",
              settings,
              outcomes,
              Optional.of(cloud));
      RefundPayment.Command eight =
          new RefundPayment.Command(paid.id(), Money.of("8.00", "HKD"), RefundRoute.Choice.CLOUD);
      Future<Object> a = callers.submit(() -> attempt(service, eight));
      Future<Object> b = callers.submit(() -> attempt(service, eight));
      List<Object> results = List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));

      assertThat(firstSaves.get()).as("both decided before either wrote").isEqualTo(2);
      assertThat(results).filteredOn(Refund.class::isInstance).hasSize(1);
      assertThat(results)
          .filteredOn(DomainException.class::isInstance)
          .extracting(r -> ((DomainException) r).code())
          .containsExactly("REFUND_EXCEEDS_REFUNDABLE");
      assertThat(sent).hasSize(1);
      assertThat(sent.getFirst().amount()).isEqualTo(Money.of("8.00", "HKD"));
      assertThat(ports.refunds().findByPayment(paid.id()))
          .extracting(Refund::amount)
          .containsExactly(Money.of("8.00", "HKD"));
    } finally {
      callers.shutdownNow();
      outcomes.shutdownNow();
    }
  }

  /** The refund, or the domain refusal it was answered with. */
  private static Object attempt(PaymentService service, RefundPayment.Command c) {
    try {
      return service.refund(c);
    } catch (DomainException e) {
      return e;
    }
  }

  /**
   * {@code payments}, except that the first two saves of {@code paid} (one per unit of work: the
   * touch of the payment a refund is recorded with) wait until both are there: both units of work
   * have read the payment and decided the refund by then, neither has written.
   */
  private static Payments meetingBeforeSave(
      Payments payments, Payment paid, CyclicBarrier barrier, AtomicInteger firstSaves) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getName().equals("save")
              && ((Payment) args[0]).id().equals(paid.id())
              && firstSaves.getAndIncrement() < 2) {
            try {
              barrier.await(1, TimeUnit.MINUTES);
            } catch (BrokenBarrierException | TimeoutException e) {
              throw new IllegalStateException("the other unit of work never got here", e);
            }
          }
          try {
            return method.invoke(payments, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Payments)
        Proxy.newProxyInstance(
            ConcurrentRefundsTest.class.getClassLoader(), new Class<?>[] {Payments.class}, h);
  }

  private static TransactionPorts withPayments(TransactionPorts p, Payments payments) {
    return new TransactionPorts(
        p.terminals(),
        payments,
        p.refunds(),
        p.leases(),
        p.channel(),
        p.unitOfWork(),
        p.events(),
        p.health(),
        p.notificationTrail());
  }
}
