package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Refunds}. Subclass it once per adapter; {@link #create()} must return an empty
 * store. Refunds reference payments: adapters with a foreign key store them (and their terminal) in
 * {@link #givenPayment}.
 */
public abstract class RefundsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  protected Refunds refunds;
  protected Payment paymentA;
  protected Payment paymentB;

  /** An empty store (e.g. with its tables truncated). */
  protected abstract Refunds create();

  /** Makes sure {@code payment} (and its terminal) exist for adapters with a foreign key. */
  protected void givenPayment(Payment payment) {}

  @BeforeEach
  void setUpStore() {
    refunds = create();
    paymentA =
        PaymentFixture.builder()
            .id("pay_a")
            .status(TransactionStatus.SUCCEEDED)
            .syssn("sa")
            .build();
    paymentB =
        PaymentFixture.builder()
            .id("pay_b")
            .status(TransactionStatus.SUCCEEDED)
            .syssn("sb")
            .build();
    givenPayment(paymentA);
    givenPayment(paymentB);
  }

  @Test
  void save_newRefund_returnsVersionOneAndRoundTripsEveryField() {
    Refund r =
        RefundFixture.of(paymentA)
            .id("ref_full")
            .amount(TestMoney.hkd("3.25"))
            .external(true)
            .createdAt(Instant.parse("2026-03-02T03:00:00.250Z"))
            .status(TransactionStatus.UNKNOWN)
            .syssn("rs-1")
            .failure(DeclineReason.UNREACHABLE, "CONNECT_FAILED", "refused")
            .sentAt(Instant.parse("2026-03-02T03:00:01Z"))
            .reviewNote("check")
            .reconcile(4, Instant.parse("2026-03-02T03:05:00Z"))
            .build();

    Refund saved = save(r);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(r.version()).isZero();
    assertThat(saved.snapshot()).isEqualTo(r.snapshot().withVersion(1));
    assertThat(findById(r.id()).orElseThrow().snapshot()).isEqualTo(r.snapshot().withVersion(1));
  }

  @Test
  void save_everyAssurance_roundTripsAndAConfirmationIsStored() {
    for (ConfirmedBy by : ConfirmedBy.values()) {
      Refund r =
          RefundFixture.of(paymentA)
              .id("ref_by_" + by.key())
              .status(TransactionStatus.SUCCEEDED)
              .confirmed(by, true)
              .build();
      save(r);
      Refund found = findById(r.id()).orElseThrow();
      assertThat(found.snapshot()).isEqualTo(r.snapshot().withVersion(1));
      assertThat(found.confirmedBy()).contains(by);

      Refund restored = Refund.restore(found.snapshot());
      restored.confirm(ConfirmedBy.NOTIFICATION, null, Instant.parse("2026-03-02T03:00:00Z"));
      save(restored);
      Refund confirmed = findById(r.id()).orElseThrow();
      assertThat(confirmed.confirmedBy()).contains(ConfirmedBy.NOTIFICATION);
      assertThat(confirmed.confirmationPending()).isFalse();
    }
  }

  @Test
  void save_everyRoute_roundTripsWithACloudRefundsOwnOutTradeNo() {
    for (RefundRoute route : RefundRoute.values()) {
      String outTradeNo = route == RefundRoute.CLOUD ? "EHR" + "x".repeat(61) : null;
      Refund r =
          Refund.create(
              new Refund.Facts(
                  new RefundId("ref_route_" + route.wire()),
                  paymentA.id(),
                  paymentA.terminalId(),
                  paymentA.amount()),
              route,
              outTradeNo,
              null,
              T0);
      r.markInProgress(T0);
      r.drainEvents();
      save(r);

      Refund found = findById(r.id()).orElseThrow();
      assertThat(found.snapshot()).isEqualTo(r.snapshot().withVersion(1));
      assertThat(found.route()).contains(route);
      assertThat(found.outTradeNo()).isEqualTo(Optional.ofNullable(outTradeNo));
    }
  }

  @Test
  void save_minimalRefund_roundTripsAbsentFieldsAsAbsent() {
    Refund r = RefundFixture.of(paymentA).id("ref_min").build();

    save(r);

    Refund found = findById(r.id()).orElseThrow();
    assertThat(found.snapshot()).isEqualTo(r.snapshot().withVersion(1));
    assertThat(found.syssn()).isEmpty();
    assertThat(found.sentAt()).isEmpty();
  }

  @Test
  void save_returnedRefund_canBeChangedAndSavedAgain() {
    Refund v1 = save(RefundFixture.of(paymentA).id("ref_1").build());

    v1.markInProgress(T0.plusSeconds(1));
    Refund v2 = save(v1);
    v2.succeed(Syssn.of("rs-9"), "6000", null, false, T0.plusSeconds(9));
    Refund v3 = save(v2);

    assertThat(v3.version()).isEqualTo(3);
    Refund found = findById(v1.id()).orElseThrow();
    assertThat(found.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(found.syssn()).contains(Syssn.of("rs-9"));
  }

  @Test
  void save_staleVersion_throwsConcurrentModificationAndKeepsTheStoredState() {
    Refund v1 =
        save(RefundFixture.of(paymentA).id("ref_1").status(TransactionStatus.IN_PROGRESS).build());
    Refund a = findById(v1.id()).orElseThrow();
    Refund b = findById(v1.id()).orElseThrow();
    a.succeed(null, "6000", null, false, T0.plusSeconds(2));
    save(a);

    b.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "no", T0.plusSeconds(3));
    assertThatThrownBy(() -> save(b)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(v1.id()).orElseThrow().status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void save_newRefundWithATakenId_throwsConcurrentModification() {
    save(RefundFixture.of(paymentA).id("ref_1").build());

    Refund again = RefundFixture.of(paymentB).id("ref_1").build();

    assertThatThrownBy(() -> save(again)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(again.id()).orElseThrow().paymentId()).isEqualTo(paymentA.id());
  }

  @Test
  void findBySyssn_findsTheRefund() {
    save(
        RefundFixture.of(paymentA)
            .id("ref_1")
            .status(TransactionStatus.SUCCEEDED)
            .syssn("r1")
            .build());
    save(
        RefundFixture.of(paymentA)
            .id("ref_2")
            .status(TransactionStatus.SUCCEEDED)
            .syssn("r2")
            .build());

    assertThat(tx(() -> refunds.findBySyssn(Syssn.of("r2"))))
        .map(r -> r.id().value())
        .contains("ref_2");
    assertThat(tx(() -> refunds.findBySyssn(Syssn.of("r3")))).isEmpty();
    assertThat(findById(new RefundId("ref_3"))).isEmpty();
  }

  @Test
  void findByPayment_returnsThatPaymentsRefundsOldestFirst() {
    save(RefundFixture.of(paymentA).id("ref_2").createdAt(T0.plusSeconds(2)).build());
    save(RefundFixture.of(paymentB).id("ref_x").createdAt(T0.plusSeconds(1)).build());
    save(RefundFixture.of(paymentA).id("ref_1").createdAt(T0.plusSeconds(1)).build());

    assertThat(tx(() -> refunds.findByPayment(paymentA.id())))
        .extracting(r -> r.id().value())
        .containsExactly("ref_1", "ref_2");
    assertThat(tx(() -> refunds.findByPayment(new PaymentId("pay_none")))).isEmpty();
  }

  @Test
  void findByStatus_returnsMatchingRefundsOldestFirstUpToTheLimit() {
    save(refund("ref_c", T0.plusSeconds(3), TransactionStatus.UNKNOWN));
    save(refund("ref_a", T0.plusSeconds(1), TransactionStatus.IN_PROGRESS));
    save(refund("ref_d", T0.plusSeconds(4), TransactionStatus.DECLINED));
    save(refund("ref_b", T0.plusSeconds(2), TransactionStatus.UNKNOWN));

    var inFlight = EnumSet.of(TransactionStatus.UNKNOWN, TransactionStatus.IN_PROGRESS);
    assertThat(tx(() -> refunds.findByStatus(inFlight, 10)))
        .extracting(r -> r.id().value())
        .containsExactly("ref_a", "ref_b", "ref_c");
    assertThat(tx(() -> refunds.findByStatus(inFlight, 1)))
        .extracting(r -> r.id().value())
        .containsExactly("ref_a");
  }

  @Test
  void findDueForReconciliation_returnsInProgressAndDueUnknownOldestFirst() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    save(refund("ref_progress", T0.plusSeconds(3), TransactionStatus.IN_PROGRESS));
    save(
        RefundFixture.of(paymentA)
            .id("ref_due")
            .createdAt(T0.plusSeconds(1))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(1, now)
            .build());
    save(
        RefundFixture.of(paymentA)
            .id("ref_later")
            .createdAt(T0.plusSeconds(2))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(1, now.plusSeconds(30))
            .build());
    save(
        RefundFixture.of(paymentB)
            .id("ref_given_up")
            .createdAt(T0)
            .status(TransactionStatus.UNKNOWN)
            .reconcile(30, null)
            .build());
    save(refund("ref_done", T0, TransactionStatus.SUCCEEDED));

    assertThat(tx(() -> refunds.findDueForReconciliation(now, 10)))
        .extracting(r -> r.id().value())
        .containsExactly("ref_due", "ref_progress");
  }

  private Refund refund(String id, Instant createdAt, TransactionStatus status) {
    return RefundFixture.of(paymentA).id(id).createdAt(createdAt).status(status).build();
  }

  private Refund save(Refund r) {
    return tx(() -> refunds.save(r));
  }

  private Optional<Refund> findById(RefundId id) {
    return tx(() -> refunds.findById(id));
  }
}
