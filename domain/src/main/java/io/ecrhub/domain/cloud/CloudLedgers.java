package io.ecrhub.domain.cloud;

import java.util.Optional;

/**
 * Port: the QFPay cloud ledger that serves a store (ADR 0028): the store's own account when it has
 * one, else the default account, else none.
 */
@FunctionalInterface
public interface CloudLedgers {

  /**
   * The ledger of the account serving {@code storeId}.
   *
   * @param storeId the store, or null for a terminal that belongs to none (the default account)
   */
  Optional<CloudLedger> forStore(String storeId);

  /** Whether any account could serve a store (a cheap check before a batch); true by default. */
  default boolean any() {
    return true;
  }

  /** One ledger (or none) for every store: the hub without accounts per store. */
  static CloudLedgers only(Optional<CloudLedger> ledger) {
    return new CloudLedgers() {
      @Override
      public Optional<CloudLedger> forStore(String storeId) {
        return ledger;
      }

      @Override
      public boolean any() {
        return ledger.isPresent();
      }
    };
  }
}
