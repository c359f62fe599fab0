package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.payment;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The payment look-ups' matcher (one query for out_trade_no and syssn) finds what one look-up per
 * identifier through {@link Payments} finds, on the real database.
 */
@QuarkusTest
class NotifyPaymentMatcherTest {
  @Inject PaymentLookups matcher;
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EventPublisher events;

  @Test
  void findsThePaymentsByEachIdentifier_asOneLookUpEachWould() {
    Payment a = payment(payments, uow, events, unique("ord-"), "1.00", TransactionStatus.SUCCEEDED);
    Payment b = payment(payments, uow, events, unique("ord-"), "2.00", TransactionStatus.SUCCEEDED);
    Optional<OutTradeNo> refA = Optional.of(a.outTradeNo());
    Optional<OutTradeNo> unknownRef = Optional.of(OutTradeNo.of(unique("ord-")));
    Optional<Syssn> syssnA = a.syssn();
    Optional<Syssn> syssnB = b.syssn();
    Optional<Syssn> unknownSyssn = Optional.of(Syssn.of(syssn()));

    assertFinds(refA, syssnA, a, a);
    assertFinds(refA, unknownSyssn, a, null);
    assertFinds(unknownRef, syssnA, null, a);
    assertFinds(refA, syssnB, a, b);
    assertFinds(Optional.empty(), syssnB, null, b);
    assertFinds(refA, Optional.empty(), a, null);
    assertFinds(unknownRef, unknownSyssn, null, null);
    assertFinds(Optional.empty(), Optional.empty(), null, null);
  }

  @Test
  void known_returnsExactlyTheIdentifiersSomePaymentHas_inOneLookUp() {
    Payment a = payment(payments, uow, events, unique("ord-"), "1.00", TransactionStatus.SUCCEEDED);
    Payment b = payment(payments, uow, events, unique("ord-"), "2.00", TransactionStatus.SUCCEEDED);
    Payment pending =
        payment(payments, uow, events, unique("ord-"), "3.00", TransactionStatus.PENDING);
    OutTradeNo unknownRef = OutTradeNo.of(unique("ord-"));
    Syssn unknownSyssn = Syssn.of(syssn());
    Syssn syssnA = a.syssn().orElseThrow();
    Syssn syssnB = b.syssn().orElseThrow();
    // a's syssn asked as an out_trade_no and b's out_trade_no as a syssn: neither is a match
    OutTradeNo syssnAsRef = OutTradeNo.of(syssnA.value());

    PaymentMatcher.Known both =
        known(
            Set.of(a.outTradeNo(), pending.outTradeNo(), unknownRef, syssnAsRef),
            Set.of(syssnB, unknownSyssn));
    assertThat(both.outTradeNos()).containsExactlyInAnyOrder(a.outTradeNo(), pending.outTradeNo());
    assertThat(both.syssns()).containsExactly(syssnB);

    PaymentMatcher.Known onlyRefs = known(Set.of(b.outTradeNo(), unknownRef), Set.of());
    assertThat(onlyRefs.outTradeNos()).containsExactly(b.outTradeNo());
    assertThat(onlyRefs.syssns()).isEmpty();

    PaymentMatcher.Known onlySyssns = known(Set.of(), Set.of(syssnA, syssnB, unknownSyssn));
    assertThat(onlySyssns.outTradeNos()).isEmpty();
    assertThat(onlySyssns.syssns()).containsExactlyInAnyOrder(syssnA, syssnB);

    PaymentMatcher.Known none = known(Set.of(unknownRef), Set.of(unknownSyssn));
    assertThat(none.outTradeNos()).isEmpty();
    assertThat(none.syssns()).isEmpty();

    PaymentMatcher.Known empty = known(Set.of(), Set.of());
    assertThat(empty.outTradeNos()).isEmpty();
    assertThat(empty.syssns()).isEmpty();

    // the same answer as the default, one find per identifier
    Set<OutTradeNo> refs = Set.of(a.outTradeNo(), unknownRef);
    Set<Syssn> syssns = Set.of(syssnA, unknownSyssn);
    PaymentMatcher.Known reference =
        QuarkusTransaction.requiringNew()
            .call(() -> PaymentMatcher.using(payments).known(refs, syssns));
    assertThat(known(refs, syssns)).isEqualTo(reference);
  }

  private PaymentMatcher.Known known(Set<OutTradeNo> refs, Set<Syssn> syssns) {
    return QuarkusTransaction.requiringNew().call(() -> matcher.known(refs, syssns));
  }

  private void assertFinds(
      Optional<OutTradeNo> ref, Optional<Syssn> syssn, Payment byRef, Payment bySyssn) {
    PaymentMatcher.Matches sql =
        QuarkusTransaction.requiringNew().call(() -> matcher.find(ref, syssn));
    PaymentMatcher.Matches reference =
        QuarkusTransaction.requiringNew()
            .call(() -> PaymentMatcher.using(payments).find(ref, syssn));
    assertThat(id(sql.byOutTradeNo())).isEqualTo(byRef == null ? null : byRef.id().value());
    assertThat(id(sql.bySyssn())).isEqualTo(bySyssn == null ? null : bySyssn.id().value());
    assertThat(id(sql.byOutTradeNo())).isEqualTo(id(reference.byOutTradeNo()));
    assertThat(id(sql.bySyssn())).isEqualTo(id(reference.bySyssn()));
    sql.byOutTradeNo().ifPresent(p -> assertThat(p.version()).isEqualTo(byRef.version()));
  }

  private static String id(Optional<Payment> p) {
    return p.map(x -> x.id().value()).orElse(null);
  }
}
