package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Payments}. Subclass it once per adapter; {@link #create()} must return an
 * empty store. Payments reference terminals {@code till-1} and {@code till-2}: adapters with a
 * foreign key create them in {@link #givenTerminal}.
 */
public abstract class PaymentsContract extends PortContract {
  protected static final TerminalId TILL_1 = TerminalFixture.DEFAULT_ID;
  protected static final TerminalId TILL_2 = TerminalId.of("till-2");
  private static final Instant T0 = MutableClock.DEFAULT_START;

  protected Payments payments;
  private ExecutorService pool;

  /** An empty store (e.g. with its tables truncated). */
  protected abstract Payments create();

  /** Makes sure terminal {@code id} exists for adapters with a foreign key; no-op by default. */
  protected void givenTerminal(TerminalId id) {}

  @BeforeEach
  void setUpStore() {
    payments = create();
    givenTerminal(TILL_1);
    givenTerminal(TILL_2);
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Test
  void save_newPayment_returnsVersionOneAndRoundTripsEveryField() {
    Payment p =
        PaymentFixture.builder()
            .id("pay_full")
            .terminalId(TILL_2)
            .amount(TestMoney.hkd("1234.56"))
            .channel(Channel.CARD_PAYMENT)
            .outTradeNo("EHfull-ORDER_1")
            .reference("ORDER_1")
            .idempotencyKey("key-1", "till-2|HKD 1234.56|card_payment|ORDER_1")
            .createdAt(Instant.parse("2026-03-02T02:00:00.123Z"))
            .status(TransactionStatus.UNKNOWN)
            .syssn("20260302000000000001")
            .refunded(TestMoney.hkd("0.01"))
            .card("VISA", "520000******1096")
            .failure(DeclineReason.TIMED_OUT_ON_TERMINAL, "6002", "timed out")
            .sentAt(Instant.parse("2026-03-02T02:00:01.5Z"))
            .updatedAt(Instant.parse("2026-03-02T02:00:09Z"))
            .reviewNote("amount differs")
            .reconcile(3, Instant.parse("2026-03-02T02:01:00Z"))
            .reconcileSources("terminal: not reached (CONNECT_FAILED)\ncloud: pending (1143)")
            .build();

    Payment saved = save(p);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(p.version()).as("the argument is not modified").isZero();
    assertThat(saved.snapshot()).isEqualTo(p.snapshot().withVersion(1));
    assertThat(findById(p.id()).orElseThrow().snapshot()).isEqualTo(p.snapshot().withVersion(1));
  }

  @Test
  void save_everyAssurance_roundTripsAndAConfirmationIsStored() {
    for (ConfirmedBy by : ConfirmedBy.values()) {
      Payment p =
          PaymentFixture.builder()
              .id("pay_by_" + by.key())
              .status(TransactionStatus.SUCCEEDED)
              .confirmed(by, true)
              .build();
      save(p);
      Payment found = findById(p.id()).orElseThrow();
      assertThat(found.snapshot()).isEqualTo(p.snapshot().withVersion(1));
      assertThat(found.confirmedBy()).contains(by);
      assertThat(found.confirmationPending()).isTrue();

      Payment restored = Payment.restore(found.snapshot());
      restored.confirm(ConfirmedBy.NOTIFICATION, null, Instant.parse("2026-03-02T03:00:00Z"));
      save(restored);
      Payment confirmed = findById(p.id()).orElseThrow();
      assertThat(confirmed.confirmedBy()).contains(ConfirmedBy.NOTIFICATION);
      assertThat(confirmed.confirmationPending()).isFalse();
    }
  }

  @Test
  void save_minimalPayment_roundTripsAbsentFieldsAsAbsent() {
    Payment p = PaymentFixture.builder().id("pay_min").build();

    save(p);

    Payment found = findById(p.id()).orElseThrow();
    assertThat(found.snapshot()).isEqualTo(p.snapshot().withVersion(1));
    assertThat(found.reference()).isEmpty();
    assertThat(found.syssn()).isEmpty();
    assertThat(found.nextReconcileAt()).isEmpty();
    assertThat(found.refundedAmount().isZero()).isTrue();
  }

  @Test
  void save_createdPayment_keepsItsEventsWithTheCaller() {
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId("pay_new"),
                TILL_1,
                TestMoney.hkd("10.50"),
                Channel.WX,
                OutTradeNo.of("EHnew"),
                null,
                null,
                "fp"),
            T0);

    save(p);

    assertThat(p.drainEvents())
        .extracting(TransactionEvent::to)
        .containsExactly(TransactionStatus.PENDING);
  }

  @Test
  void save_returnedPayment_canBeChangedAndSavedAgain() {
    Payment v1 = save(PaymentFixture.builder().id("pay_1").build());

    v1.markInProgress(T0.plusSeconds(1));
    Payment v2 = save(v1);
    v2.markUnknown("no answer", T0.plusSeconds(60));
    Payment v3 = save(v2);

    assertThat(v3.version()).isEqualTo(3);
    Payment found = findById(v1.id()).orElseThrow();
    assertThat(found.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(found.sentAt()).contains(T0.plusSeconds(1));
    assertThat(found.nextReconcileAt()).contains(T0.plusSeconds(65));
    assertThat(found.version()).isEqualTo(3);
  }

  @Test
  void save_staleVersion_throwsConcurrentModificationAndKeepsTheStoredState() {
    Payment v1 =
        save(PaymentFixture.builder().id("pay_1").status(TransactionStatus.IN_PROGRESS).build());
    Payment a = findById(v1.id()).orElseThrow();
    Payment b = findById(v1.id()).orElseThrow();
    a.succeed(Syssn.of("111"), "6000", null, false, T0.plusSeconds(5));
    save(a);

    b.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "declined", T0.plusSeconds(6));
    assertThatThrownBy(() -> save(b)).isInstanceOf(ConcurrentModificationException.class);

    Payment found = findById(v1.id()).orElseThrow();
    assertThat(found.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(found.version()).isEqualTo(2);
  }

  @Test
  void save_newPaymentWithATakenId_throwsConcurrentModification() {
    save(PaymentFixture.builder().id("pay_1").build());

    Payment again = PaymentFixture.builder().id("pay_1").amount(TestMoney.hkd("99.00")).build();

    assertThatThrownBy(() -> save(again)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(again.id()).orElseThrow().amount()).isEqualTo(TestMoney.hkd("10.50"));
  }

  @Test
  void save_newPaymentReusingAnOutTradeNo_throwsConcurrentModification() {
    save(PaymentFixture.builder().id("pay_1").outTradeNo("EH-same").build());

    Payment other = PaymentFixture.builder().id("pay_2").outTradeNo("EH-same").build();

    assertThatThrownBy(() -> save(other)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(other.id())).isEmpty();
  }

  @Test
  void save_newPaymentReusingAnIdempotencyKey_throwsConcurrentModification() {
    save(PaymentFixture.builder().id("pay_1").idempotencyKey("k-1", "fp").build());

    Payment other = PaymentFixture.builder().id("pay_2").idempotencyKey("k-1", "fp").build();

    assertThatThrownBy(() -> save(other)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(findById(other.id())).isEmpty();
  }

  @Test
  void save_sameVersionFromManyThreads_exactlyOneWins() throws Exception {
    Payment v1 =
        save(PaymentFixture.builder().id("pay_race").status(TransactionStatus.IN_PROGRESS).build());
    int writers = 4;
    pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      Payment copy = findById(v1.id()).orElseThrow();
      copy.succeed(Syssn.of("race" + i), "6000", null, false, T0.plusSeconds(i));
      Callable<Boolean> attempt =
          () -> {
            start.await();
            try {
              save(copy);
              return true;
            } catch (ConcurrentModificationException e) {
              return false;
            }
          };
      results.add(pool.submit(attempt));
    }
    start.countDown();

    int wins = 0;
    for (Future<Boolean> f : results) {
      wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertThat(wins).isEqualTo(1);
    assertThat(findById(v1.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void findByOutTradeNoSyssnAndIdempotencyKey_findTheRightPayment() {
    save(PaymentFixture.builder().id("pay_1").outTradeNo("EH1").syssn("s-1").build());
    save(
        PaymentFixture.builder()
            .id("pay_2")
            .outTradeNo("EH2")
            .syssn("s-2")
            .idempotencyKey("key-2", "fp")
            .build());

    assertThat(tx(() -> payments.findByOutTradeNo(OutTradeNo.of("EH2"))))
        .map(p -> p.id().value())
        .contains("pay_2");
    assertThat(tx(() -> payments.findBySyssn(Syssn.of("s-1"))))
        .map(p -> p.id().value())
        .contains("pay_1");
    assertThat(tx(() -> payments.findByIdempotencyKey("key-2")))
        .map(p -> p.id().value())
        .contains("pay_2");
    assertThat(tx(() -> payments.findByOutTradeNo(OutTradeNo.of("EH3")))).isEmpty();
    assertThat(tx(() -> payments.findBySyssn(Syssn.of("s-3")))).isEmpty();
    assertThat(tx(() -> payments.findByIdempotencyKey("key-3"))).isEmpty();
    assertThat(findById(new PaymentId("pay_3"))).isEmpty();
  }

  @Test
  void findByStatus_returnsMatchingPaymentsOldestFirstUpToTheLimit() {
    save(payment("pay_c", T0.plusSeconds(3), TransactionStatus.UNKNOWN));
    save(payment("pay_a", T0.plusSeconds(1), TransactionStatus.IN_PROGRESS));
    save(payment("pay_d", T0.plusSeconds(4), TransactionStatus.SUCCEEDED));
    save(payment("pay_b", T0.plusSeconds(2), TransactionStatus.UNKNOWN));

    var inFlight = EnumSet.of(TransactionStatus.UNKNOWN, TransactionStatus.IN_PROGRESS);
    assertThat(tx(() -> payments.findByStatus(inFlight, 10)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_a", "pay_b", "pay_c");
    assertThat(tx(() -> payments.findByStatus(inFlight, 2)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_a", "pay_b");
  }

  @Test
  void list_pagesNewestFirst() {
    for (int i = 1; i <= 5; i++) {
      save(payment("pay_" + i, T0.plusSeconds(i), TransactionStatus.SUCCEEDED));
    }

    assertThat(listAll(Payments.Filter.none(), 2))
        .containsExactly("pay_5", "pay_4", "pay_3", "pay_2", "pay_1");
  }

  @Test
  void list_paymentsCreatedAtTheSameInstant_areEachListedOnce() {
    for (int i = 1; i <= 5; i++) {
      save(payment("pay_" + i, T0, TransactionStatus.SUCCEEDED));
    }
    save(payment("pay_0", T0.minusSeconds(1), TransactionStatus.SUCCEEDED));

    List<String> seen = listAll(Payments.Filter.none(), 2);

    assertThat(seen).hasSize(6).doesNotHaveDuplicates().endsWith("pay_0");
    assertThat(seen.subList(0, 5))
        .containsExactlyInAnyOrder("pay_1", "pay_2", "pay_3", "pay_4", "pay_5");
  }

  @Test
  void list_lastPartialPage_hasNoCursor() {
    for (int i = 1; i <= 3; i++) {
      save(payment("pay_" + i, T0.plusSeconds(i), TransactionStatus.SUCCEEDED));
    }

    Page<Payment> first = tx(() -> payments.list(Payments.Filter.none(), null, 2));
    Page<Payment> second = tx(() -> payments.list(Payments.Filter.none(), first.nextCursor(), 2));

    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.items()).extracting(p -> p.id().value()).containsExactly("pay_1");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void list_filtersByTerminalStatusAndCreationWindow() {
    save(PaymentFixture.builder().id("pay_1").terminalId(TILL_1).createdAt(T0).build());
    save(
        PaymentFixture.builder()
            .id("pay_2")
            .terminalId(TILL_2)
            .createdAt(T0.plusSeconds(10))
            .status(TransactionStatus.SUCCEEDED)
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_3")
            .terminalId(TILL_2)
            .createdAt(T0.plusSeconds(20))
            .status(TransactionStatus.DECLINED)
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_4")
            .terminalId(TILL_2)
            .createdAt(T0.plusSeconds(30))
            .build());

    assertThat(listAll(new Payments.Filter(TILL_2, null, null, null), 10))
        .containsExactly("pay_4", "pay_3", "pay_2");
    assertThat(listAll(new Payments.Filter(null, TransactionStatus.SUCCEEDED, null, null), 10))
        .containsExactly("pay_2");
    assertThat(listAll(new Payments.Filter(null, null, T0.plusSeconds(10), T0.plusSeconds(30)), 10))
        .as("from is inclusive, to is exclusive")
        .containsExactly("pay_3", "pay_2");
    assertThat(
            listAll(
                new Payments.Filter(
                    TILL_2, TransactionStatus.PENDING, T0, T0.plus(Duration.ofHours(1))),
                10))
        .containsExactly("pay_4");
  }

  @Test
  void findDueForReconciliation_returnsInProgressAndDueUnknownOldestFirst() {
    Instant now = T0.plus(Duration.ofMinutes(10));
    save(payment("pay_progress", T0.plusSeconds(4), TransactionStatus.IN_PROGRESS));
    save(
        PaymentFixture.builder()
            .id("pay_due")
            .createdAt(T0.plusSeconds(1))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(2, now.minusSeconds(1))
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_due_now")
            .createdAt(T0.plusSeconds(2))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(0, now)
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_later")
            .createdAt(T0.plusSeconds(3))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(2, now.plusSeconds(1))
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_given_up")
            .createdAt(T0)
            .status(TransactionStatus.UNKNOWN)
            .reconcile(30, null)
            .build());
    save(payment("pay_done", T0, TransactionStatus.SUCCEEDED));

    assertThat(tx(() -> payments.findDueForReconciliation(now, 10)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_due", "pay_due_now", "pay_progress");
    assertThat(tx(() -> payments.findDueForReconciliation(now, 1)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_due");
  }

  @Test
  void findAwaitingConfirmation_returnsRecentPendingSettlementsDueOldestFirst() {
    Instant now = T0.plus(Duration.ofHours(2));
    Instant since = now.minus(Duration.ofHours(1));
    save(pendingSettled("pay_due", T0.plusSeconds(2), now.minusSeconds(60)).build());
    save(
        pendingSettled("pay_due_again", T0.plusSeconds(1), now.minusSeconds(60))
            .reconcile(0, now)
            .build());
    save(
        pendingSettled("pay_later", T0, now.minusSeconds(60))
            .reconcile(0, now.plusSeconds(1))
            .build());
    save(pendingSettled("pay_old", T0, since.minusSeconds(1)).build());
    save(
        pendingSettled("pay_confirmed", T0, now.minusSeconds(60))
            .confirmed(ConfirmedBy.CLOUD, false)
            .build());
    save(
        PaymentFixture.builder()
            .id("pay_unknown")
            .createdAt(T0)
            .updatedAt(now)
            .status(TransactionStatus.UNKNOWN)
            .confirmed(ConfirmedBy.TERMINAL_PLAIN, true)
            .build());

    assertThat(tx(() -> payments.findAwaitingConfirmation(now, since, 10)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_due_again", "pay_due");
    assertThat(tx(() -> payments.findAwaitingConfirmation(now, since, 1)))
        .extracting(p -> p.id().value())
        .containsExactly("pay_due_again");
  }

  private static PaymentFixture pendingSettled(String id, Instant createdAt, Instant updatedAt) {
    return PaymentFixture.builder()
        .id(id)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .status(TransactionStatus.SUCCEEDED)
        .confirmed(ConfirmedBy.TERMINAL_PLAIN, true);
  }

  /** A payment with the given id, creation time and status, otherwise defaults. */
  protected static Payment payment(String id, Instant createdAt, TransactionStatus status) {
    return PaymentFixture.builder().id(id).createdAt(createdAt).status(status).build();
  }

  private List<String> listAll(Payments.Filter filter, int pageSize) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String c = cursor;
      Page<Payment> page = tx(() -> payments.list(filter, c, pageSize));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      page.items().forEach(p -> seen.add(p.id().value()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);
    return seen;
  }

  private Payment save(Payment p) {
    return tx(() -> payments.save(p));
  }

  private Optional<Payment> findById(PaymentId id) {
    return tx(() -> payments.findById(id));
  }
}
