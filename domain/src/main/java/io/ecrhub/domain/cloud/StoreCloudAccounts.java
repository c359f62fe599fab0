package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Page;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the QFPay cloud accounts of stores, at most one per store (ADR 0028). Adapters store the
 * client key sealed, bound to its row, and never hand it out except inside {@link
 * StoreCloudAccount}.
 */
public interface StoreCloudAccounts {

  /**
   * Stores a new account (version 0) or a change of a loaded one (its version), returning it as
   * stored (the new version).
   *
   * @throws io.ecrhub.domain.shared.ConcurrentModificationException when the row changed meanwhile
   * @throws io.ecrhub.domain.shared.DomainException {@code CLOUD_ACCOUNT_EXISTS} when the store has
   *     an account already (or the id is taken)
   */
  StoreCloudAccount save(StoreCloudAccount account);

  Optional<StoreCloudAccount> find(String id);

  Optional<StoreCloudAccount> findByStore(String storeId);

  /**
   * The id and version of the store's account, without opening its key: a cheap check whether a
   * cached client is still current.
   */
  Optional<Stamp> stampOf(String storeId);

  /**
   * Accounts ordered by id, after {@code cursor} (the {@link Page#nextCursor()} of the previous
   * page, null for the first).
   *
   * @param stores only these stores; empty means every store
   */
  Page<StoreCloudAccount> list(Set<String> stores, String cursor, int limit);

  /** The stores that have an account of their own, in order. */
  List<String> stores();

  /** Whether any store has an account of its own (a cheap check before a batch). */
  default boolean any() {
    return !stores().isEmpty();
  }

  /** Removes the account; false when there was none. */
  boolean delete(String id);

  /** Which row, at which version, serves a store. */
  record Stamp(String id, long version) {}
}
