package io.ecrhub.domain.testing;

import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Page;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link StoreCloudAccounts} in memory (nothing to seal: the keys never leave the process). */
public final class InMemoryStoreCloudAccounts implements StoreCloudAccounts {
  private final TreeMap<String, StoreCloudAccount> byId = new TreeMap<>();

  @Override
  public synchronized StoreCloudAccount save(StoreCloudAccount a) {
    StoreCloudAccount current = byId.get(a.id());
    if (a.version() == 0) {
      if (current != null
          || byId.values().stream().anyMatch(o -> o.storeId().equals(a.storeId()))) {
        throw new DomainException(
            "CLOUD_ACCOUNT_EXISTS", "storeId", "store " + a.storeId() + " has an account");
      }
    } else if (current == null || current.version() != a.version()) {
      throw new ConcurrentModificationException("cloud account " + a.id());
    }
    StoreCloudAccount stored =
        new StoreCloudAccount(
            a.id(),
            a.storeId(),
            a.environment(),
            a.url(),
            a.appCode(),
            a.mchid(),
            a.signType(),
            a.clientKey(),
            a.unreadable(),
            a.createdAt(),
            a.updatedAt(),
            a.version() + 1);
    byId.put(a.id(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<StoreCloudAccount> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<StoreCloudAccount> findByStore(String storeId) {
    return byId.values().stream().filter(a -> a.storeId().equals(storeId)).findFirst();
  }

  @Override
  public synchronized Optional<Stamp> stampOf(String storeId) {
    return findByStore(storeId).map(a -> new Stamp(a.id(), a.version()));
  }

  @Override
  public synchronized Page<StoreCloudAccount> list(Set<String> stores, String cursor, int limit) {
    List<StoreCloudAccount> rows =
        (cursor == null ? byId : byId.tailMap(cursor, false))
            .values().stream()
                .filter(a -> stores.isEmpty() || stores.contains(a.storeId()))
                .limit(limit + 1L)
                .toList();
    boolean more = rows.size() > limit;
    List<StoreCloudAccount> page = more ? rows.subList(0, limit) : rows;
    return new Page<>(page, more ? page.getLast().id() : null);
  }

  @Override
  public synchronized List<String> stores() {
    return byId.values().stream().map(StoreCloudAccount::storeId).sorted().toList();
  }

  @Override
  public synchronized boolean delete(String id) {
    return byId.remove(id) != null;
  }
}
