package io.ecrhub.domain.notification;

import io.ecrhub.domain.transaction.OutTradeNo;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Syssn;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the payments a payment notification names, by its out_trade_no and by its syssn, in one go
 * (port). It runs for every notification, most of which name a payment the hub does not know (yet),
 * so an adapter should find out cheaply that there is none. {@link #using} answers through {@link
 * Payments} with one look-up each.
 */
@FunctionalInterface
public interface PaymentMatcher {

  /**
   * @return the payment with that out_trade_no and the payment with that syssn (the same one, two
   *     different ones, or none); an absent identifier finds nothing
   */
  Matches find(Optional<OutTradeNo> outTradeNo, Optional<Syssn> syssn);

  /** The payments found by each identifier. */
  record Matches(Optional<Payment> byOutTradeNo, Optional<Payment> bySyssn) {
    public static final Matches NONE = new Matches(Optional.empty(), Optional.empty());

    public Matches {
      Objects.requireNonNull(byOutTradeNo);
      Objects.requireNonNull(bySyssn);
    }
  }

  /** The matcher that asks {@code payments} once per identifier. */
  static PaymentMatcher using(Payments payments) {
    Objects.requireNonNull(payments);
    return (outTradeNo, syssn) ->
        new Matches(
            outTradeNo.flatMap(payments::findByOutTradeNo), syssn.flatMap(payments::findBySyssn));
  }
}
