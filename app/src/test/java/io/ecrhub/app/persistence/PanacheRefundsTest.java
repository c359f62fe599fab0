package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanacheRefundsTest {
  @Inject PanachePayments payments;
  @Inject PanacheRefunds refunds;

  @Test
  void refund_roundTripsAndIsFoundByPaymentAndSyssn() {
    Payment p = payments.save(PanachePaymentsTest.newPayment(Api.unique("t"), Instant.now(), null));
    Refund r =
        Refund.create(
            new Refund.Facts(
                new RefundId(Api.unique("ref_")), p.id(), p.terminalId(), Money.of("5.00", "HKD")),
            RefundRoute.TERMINAL,
            null,
            null,
            Instant.now());
    Refund saved = refunds.save(r);
    assertThat(saved.version()).isEqualTo(1);

    saved.markInProgress(Instant.now());
    Syssn syssn = Syssn.of(Api.unique("s"));
    saved.succeed(syssn, "terminal", null, false, Instant.now());
    Refund done = refunds.save(saved);

    assertThat(done.version()).isEqualTo(2);
    assertThat(refunds.findById(r.id()).orElseThrow().snapshot()).isEqualTo(done.snapshot());
    assertThat(refunds.findBySyssn(syssn)).map(Refund::id).contains(r.id());
    assertThat(refunds.findByPayment(p.id())).extracting(Refund::id).containsExactly(r.id());
    assertThat(refunds.findByStatus(EnumSet.of(TransactionStatus.SUCCEEDED), 10_000))
        .extracting(Refund::id)
        .contains(r.id());
  }
}
