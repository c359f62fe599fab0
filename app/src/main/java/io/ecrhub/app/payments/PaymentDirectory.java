package io.ecrhub.app.payments;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import java.util.Set;

/** Port: payment listings limited to a set of terminals (an API key's scope), newest first. */
public interface PaymentDirectory {
  /**
   * What the payments list and its CSV export filter on besides the domain's {@link
   * Payments.Filter}: the terminals' store, and an amount range in one currency (minor units).
   *
   * @param storeId only payments on terminals of this store, or null
   * @param currency only payments in this ISO 4217 currency, or null
   * @param minMinor the smallest amount (minor units of {@code currency}), or null
   * @param maxMinor the largest amount (minor units of {@code currency}), or null
   */
  record Criteria(
      Payments.Filter filter, String storeId, String currency, Long minMinor, Long maxMinor) {
    public Criteria {
      filter = filter == null ? Payments.Filter.none() : filter;
    }

    /** The domain filter alone. */
    public static Criteria of(Payments.Filter filter) {
      return new Criteria(filter, null, null, null, null);
    }
  }

  /**
   * @param onlyTerminals the terminals the caller may see, or null for all
   */
  default Page<Payment> list(
      Payments.Filter filter, Set<TerminalId> onlyTerminals, String cursor, int limit) {
    return list(Criteria.of(filter), onlyTerminals, cursor, limit);
  }

  /**
   * One page of the payments matching {@code criteria}, newest first, in one indexed query.
   *
   * @param onlyTerminals the terminals the caller may see, or null for all
   */
  Page<Payment> list(Criteria criteria, Set<TerminalId> onlyTerminals, String cursor, int limit);
}
