package io.ecrhub.domain.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the notification keys an admin added (those from the configuration are not stored here),
 * sealed at rest by the implementation; a key is never stored or returned in clear text.
 */
public interface NotificationKeys {

  /** One stored key, opened; {@code routes} in the order they were given. */
  record StoredKey(
      String id, NotificationKey key, Set<String> routes, String description, Instant createdAt) {}

  /** Stores a new key; its id must not be stored yet (see {@link #exists}). */
  void insert(StoredKey key);

  boolean exists(String id);

  /** Deletes it; says whether there was one. */
  boolean delete(String id);

  /**
   * Every stored key that opens, oldest first (created at, then id). A key that does not open
   * (sealed for another row, tampered with, under a master key not configured) verifies nothing: it
   * is left out.
   */
  List<StoredKey> all();

  default Optional<StoredKey> find(String id) {
    return all().stream().filter(k -> k.id().equals(id)).findFirst();
  }
}
