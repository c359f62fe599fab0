package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanachePaymentsTest {
  @Inject PanachePayments payments;

  static Payment newPayment(String terminal, Instant at, String idempotencyKey) {
    String id = Api.unique("pay_");
    return Payment.create(
        new Payment.Facts(
            new PaymentId(id),
            TerminalId.of(terminal),
            Money.of("10.50", "HKD"),
            Channel.CARD_PAYMENT,
            OutTradeNo.of(id),
            null,
            idempotencyKey,
            "fp"),
        at);
  }

  @Test
  void roundTrip_keepsEveryField() {
    String terminal = Api.unique("t");
    Instant now = Instant.parse("2026-11-26T02:03:04.123456Z");
    Payment p = payments.save(newPayment(terminal, now, Api.unique("idem")));
    p.markInProgress(now.plusSeconds(1));
    p.succeed(
        Syssn.of("20251126000111"),
        "VISA",
        "520000******1096",
        "terminal",
        null,
        false,
        now.plusSeconds(2));
    Payment saved = payments.save(p);

    Payment loaded = payments.findById(saved.id()).orElseThrow();
    assertThat(loaded.snapshot()).isEqualTo(saved.snapshot());
    assertThat(loaded.version()).isEqualTo(2);
    assertThat(loaded.amount()).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(loaded.syssn()).contains(Syssn.of("20251126000111"));
    assertThat(loaded.maskedCardNumber()).contains("520000******1096");
    assertThat(loaded.sentAt()).contains(now.plusSeconds(1));
  }

  /**
   * Saves of a payment this transaction has not read are one conditional UPDATE of the mutable
   * columns: every one of them is written, and a stale version is refused.
   */
  @Test
  void saveOfAnUnreadPayment_writesEveryMutableColumn_andRefusesAStaleVersion() {
    Instant now = Instant.parse("2026-11-26T02:03:04.123456Z");
    Payment p = payments.save(newPayment(Api.unique("t"), now, null));
    p.markInProgress(now.plusSeconds(1));
    p.markUnknown("no answer", now.plusSeconds(2));
    p.scheduleReconcile(now.plusSeconds(30));
    p.flagForReview("amount differs", now.plusSeconds(3));
    Payment unknown = payments.save(p);
    assertThat(payments.findById(p.id()).orElseThrow().snapshot()).isEqualTo(unknown.snapshot());

    Payment stale = payments.findById(p.id()).orElseThrow();
    unknown.succeed(
        Syssn.of("20251126000222"), "MASTER", "520000******0001", "query", null, false, now);
    unknown.recordRefund(Money.of("2.50", "HKD"), now.plusSeconds(4));
    Payment settled = payments.save(unknown);
    Payment loaded = payments.findById(p.id()).orElseThrow();
    assertThat(loaded.snapshot()).isEqualTo(settled.snapshot());
    assertThat(loaded.version()).isEqualTo(3);
    assertThat(loaded.refundedAmount()).isEqualTo(Money.of("2.50", "HKD"));
    assertThat(loaded.reviewNote()).isPresent();

    stale.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "late", now.plusSeconds(5));
    assertThatThrownBy(() -> payments.save(stale))
        .isInstanceOf(ConcurrentModificationException.class);
    assertThat(payments.findById(p.id()).orElseThrow().snapshot()).isEqualTo(settled.snapshot());
  }

  @Test
  void declinedPayment_keepsReasonAndCode() {
    Payment p = payments.save(newPayment(Api.unique("t"), Instant.now(), null));
    p.markInProgress(Instant.now());
    p.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "card declined", Instant.now());
    payments.save(p);
    Payment loaded = payments.findById(p.id()).orElseThrow();
    assertThat(loaded.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(loaded.failureReason()).contains(DeclineReason.DECLINED_BY_TERMINAL);
    assertThat(loaded.failureCode()).contains("6002");
  }

  @Test
  void finders_findByOutTradeNoSyssnAndIdempotencyKey() {
    String key = Api.unique("idem");
    Payment p = payments.save(newPayment(Api.unique("t"), Instant.now(), key));
    assertThat(payments.findByIdempotencyKey(key)).map(Payment::id).contains(p.id());
    assertThat(payments.findByOutTradeNo(p.outTradeNo())).map(Payment::id).contains(p.id());
    assertThat(payments.findBySyssn(Syssn.of(Api.unique("none")))).isEmpty();
  }

  @Test
  void sameIdempotencyKeyTwice_isRefused() {
    String key = Api.unique("idem");
    payments.save(newPayment(Api.unique("t"), Instant.now(), key));
    assertThatThrownBy(() -> payments.save(newPayment(Api.unique("t"), Instant.now(), key)))
        .isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void staleSave_isRefused() {
    Payment p = payments.save(newPayment(Api.unique("t"), Instant.now(), null));
    Payment a = payments.findById(p.id()).orElseThrow();
    Payment b = payments.findById(p.id()).orElseThrow();
    a.markInProgress(Instant.now());
    payments.save(a);
    b.fail(DeclineReason.UNREACHABLE, null, "x", Instant.now());
    assertThatThrownBy(() -> payments.save(b)).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void list_isNewestFirst_filteredByTerminal_andPagesWithoutGapsOrRepeats() {
    String terminal = Api.unique("t");
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<PaymentId> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // two share a timestamp: the id breaks the tie
      created.add(payments.save(newPayment(terminal, base.plusSeconds(i / 2 * 10), null)).id());
    }
    payments.save(newPayment(Api.unique("other"), base, null));

    Payments.Filter f = new Payments.Filter(TerminalId.of(terminal), null, null, null);
    List<PaymentId> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Payment> page = payments.list(f, cursor, 2);
      page.items().forEach(p -> seen.add(p.id()));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
    List<Instant> times =
        seen.stream().map(id -> payments.findById(id).orElseThrow().createdAt()).toList();
    assertThat(times).isSortedAccordingTo((x, y) -> y.compareTo(x));
  }

  @Test
  void list_filtersByStatusAndTimeRange() {
    String terminal = Api.unique("t");
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    Payment early = payments.save(newPayment(terminal, base, null));
    Payment late = newPayment(terminal, base.plusSeconds(3600), null);
    late.markInProgress(base.plusSeconds(3600));
    payments.save(late);

    var inProgress =
        payments.list(
            new Payments.Filter(TerminalId.of(terminal), TransactionStatus.IN_PROGRESS, null, null),
            null,
            10);
    assertThat(inProgress.items()).extracting(Payment::id).containsExactly(late.id());

    var firstHalfHour =
        payments.list(
            new Payments.Filter(TerminalId.of(terminal), null, base, base.plusSeconds(1800)),
            null,
            10);
    assertThat(firstHalfHour.items()).extracting(Payment::id).containsExactly(early.id());
  }

  @Test
  void findByStatus_returnsOldestFirst() {
    Payment p = newPayment(Api.unique("t"), Instant.parse("2020-01-01T00:00:00Z"), null);
    p.markInProgress(Instant.now());
    p.markUnknown("lost answer", Instant.now());
    payments.save(p);
    List<Payment> due = payments.findByStatus(EnumSet.of(TransactionStatus.UNKNOWN), 1000);
    assertThat(due).extracting(Payment::id).contains(p.id());
    assertThat(due).extracting(Payment::createdAt).isSorted();
  }

  @Test
  void forgedCursor_isAValidationError() {
    assertThatThrownBy(
            () -> payments.list(new Payments.Filter(null, null, null, null), "Zm9vfGJhcg", 10))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cursor");
  }
}
