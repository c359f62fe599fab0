package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.notification.PaymentMatcher.Known;
import io.ecrhub.domain.notification.PaymentMatcher.Matches;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link PaymentMatcher}: a notification's out_trade_no and syssn each find their
 * payment (the same one, two different ones, or none), an absent identifier finds nothing, and
 * {@link PaymentMatcher#known} says which of the identifiers asked about some payment has. Subclass
 * it once per adapter; {@link #create()} returns an empty payment store and {@link #matcher()} the
 * matcher that reads it.
 */
public abstract class PaymentMatcherContract extends PortContract {
  private Payments payments;
  private PaymentMatcher matcher;

  /** An empty payment store. */
  protected abstract Payments create();

  /** The matcher over the store {@link #create()} returned. */
  protected abstract PaymentMatcher matcher();

  @BeforeEach
  void setUpStore() {
    payments = create();
    matcher = matcher();
  }

  private void given(String id, String outTradeNo, String syssn) {
    PaymentFixture b = PaymentFixture.builder().id(id).outTradeNo(outTradeNo);
    if (syssn != null) {
      b.syssn(syssn);
    }
    Payment p = b.build();
    txRun(() -> payments.save(p));
  }

  private Matches find(String outTradeNo, String syssn) {
    return tx(
        () ->
            matcher.find(
                Optional.ofNullable(outTradeNo).map(OutTradeNo::of),
                Optional.ofNullable(syssn).map(Syssn::of)));
  }

  private static Optional<String> id(Optional<Payment> p) {
    return p.map(x -> x.id().value());
  }

  @Test
  void noPayments_findsNothing() {
    assertThat(find("EH1", "s-1")).isEqualTo(Matches.NONE);
    assertThat(find("EH1", null)).isEqualTo(Matches.NONE);
    assertThat(find(null, "s-1")).isEqualTo(Matches.NONE);
  }

  @Test
  void noIdentifiers_findNothing() {
    given("pay_1", "EH1", "s-1");

    assertThat(find(null, null)).isEqualTo(Matches.NONE);
  }

  @Test
  void bothIdentifiersOfOnePayment_findItTwice_withEveryField() {
    given("pay_1", "EH1", "s-1");
    given("pay_2", "EH2", "s-2");

    Matches m = find("EH1", "s-1");

    assertThat(id(m.byOutTradeNo())).contains("pay_1");
    assertThat(id(m.bySyssn())).contains("pay_1");
    Payment stored = tx(() -> payments.findByOutTradeNo(OutTradeNo.of("EH1"))).orElseThrow();
    assertThat(m.byOutTradeNo().orElseThrow().snapshot())
        .usingRecursiveComparison()
        .isEqualTo(stored.snapshot());
  }

  @Test
  void identifiersOfTwoPayments_findEachItsOwn() {
    given("pay_1", "EH1", "s-1");
    given("pay_2", "EH2", "s-2");

    Matches m = find("EH1", "s-2");

    assertThat(id(m.byOutTradeNo())).contains("pay_1");
    assertThat(id(m.bySyssn())).contains("pay_2");
  }

  @Test
  void oneIdentifierKnown_theOtherFindsNothing() {
    given("pay_1", "EH1", "s-1");

    Matches byRef = find("EH1", "s-9");
    assertThat(id(byRef.byOutTradeNo())).contains("pay_1");
    assertThat(byRef.bySyssn()).isEmpty();

    Matches bySyssn = find("EH9", "s-1");
    assertThat(bySyssn.byOutTradeNo()).isEmpty();
    assertThat(id(bySyssn.bySyssn())).contains("pay_1");

    assertThat(id(find("EH1", null).byOutTradeNo())).contains("pay_1");
    assertThat(find("EH1", null).bySyssn()).isEmpty();
    assertThat(id(find(null, "s-1").bySyssn())).contains("pay_1");
    assertThat(find(null, "s-1").byOutTradeNo()).isEmpty();
  }

  @Test
  void paymentWithoutSyssnYet_isFoundByItsOutTradeNoOnly() {
    given("pay_1", "EH1", null);

    Matches m = find("EH1", "s-1");

    assertThat(id(m.byOutTradeNo())).contains("pay_1");
    assertThat(m.bySyssn()).isEmpty();
  }

  @Test
  void known_returnsExactlyTheIdentifiersSomePaymentHas() {
    given("pay_1", "EH1", "s-1");
    given("pay_2", "EH2", null);
    given("pay_3", "EH3", "s-3");

    Known k =
        tx(
            () ->
                matcher.known(
                    Set.of(OutTradeNo.of("EH1"), OutTradeNo.of("EH2"), OutTradeNo.of("EH9")),
                    Set.of(Syssn.of("s-3"), Syssn.of("s-9"), Syssn.of("EH1"))));

    assertThat(k.outTradeNos())
        .containsExactlyInAnyOrder(OutTradeNo.of("EH1"), OutTradeNo.of("EH2"));
    assertThat(k.syssns()).containsExactly(Syssn.of("s-3"));
    assertThat(k.anyOf(Optional.of(OutTradeNo.of("EH9")), Optional.of(Syssn.of("s-3")))).isTrue();
    assertThat(k.anyOf(Optional.of(OutTradeNo.of("EH9")), Optional.empty())).isFalse();
  }

  @Test
  void known_ofNothing_orOfUnknownIdentifiers_isEmpty() {
    given("pay_1", "EH1", "s-1");

    Known none = tx(() -> matcher.known(Set.of(), Set.of()));
    assertThat(none.outTradeNos()).isEmpty();
    assertThat(none.syssns()).isEmpty();

    Known unknown = tx(() -> matcher.known(Set.of(OutTradeNo.of("EH9")), Set.of(Syssn.of("s-9"))));
    assertThat(unknown.outTradeNos()).isEmpty();
    assertThat(unknown.syssns()).isEmpty();
  }
}
