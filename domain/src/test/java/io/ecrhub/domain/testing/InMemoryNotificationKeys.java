package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.NotificationKeys;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NotificationKeys} in memory (nothing to seal: the keys never leave the process). */
public final class InMemoryNotificationKeys implements NotificationKeys {
  private final Map<String, StoredKey> byId = new LinkedHashMap<>();

  @Override
  public synchronized void insert(StoredKey key) {
    if (byId.putIfAbsent(key.id(), key) != null) {
      throw new IllegalStateException("notification key " + key.id() + " is stored already");
    }
  }

  @Override
  public synchronized boolean exists(String id) {
    return byId.containsKey(id);
  }

  @Override
  public synchronized boolean delete(String id) {
    return byId.remove(id) != null;
  }

  @Override
  public synchronized List<StoredKey> all() {
    return byId.values().stream()
        .sorted(Comparator.comparing(StoredKey::createdAt).thenComparing(StoredKey::id))
        .toList();
  }
}
