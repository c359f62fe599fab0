package io.ecrhub.domain.notification;

import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

  /**
   * Which of these identifiers some payment has, in one look-up for a group of notifications (so
   * that those naming no payment need no look-up of their own). The default asks {@link #find} once
   * per identifier.
   */
  default Known known(Set<OutTradeNo> outTradeNos, Set<Syssn> syssns) {
    Set<OutTradeNo> refs = new HashSet<>();
    for (OutTradeNo r : outTradeNos) {
      find(Optional.of(r), Optional.empty()).byOutTradeNo().ifPresent(p -> refs.add(r));
    }
    Set<Syssn> sns = new HashSet<>();
    for (Syssn s : syssns) {
      find(Optional.empty(), Optional.of(s)).bySyssn().ifPresent(p -> sns.add(s));
    }
    return new Known(refs, sns);
  }

  /** The identifiers, of those asked about, that some payment has. */
  record Known(Set<OutTradeNo> outTradeNos, Set<Syssn> syssns) {
    public Known {
      outTradeNos = Set.copyOf(outTradeNos);
      syssns = Set.copyOf(syssns);
    }

    /** Whether some payment has one of these identifiers. */
    public boolean anyOf(Optional<OutTradeNo> outTradeNo, Optional<Syssn> syssn) {
      return outTradeNo.filter(outTradeNos::contains).isPresent()
          || syssn.filter(syssns::contains).isPresent();
    }
  }

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
