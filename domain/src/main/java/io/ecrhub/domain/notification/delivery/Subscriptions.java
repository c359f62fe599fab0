package io.ecrhub.domain.notification.delivery;

import java.util.List;
import java.util.Optional;

/** Port: stored subscriptions (secrets sealed at rest by the implementation). */
public interface Subscriptions {
  Subscription save(Subscription subscription);

  Optional<Subscription> findById(String id);

  List<Subscription> list();

  /** Deletes it; its undelivered messages are dead-lettered when a worker meets them. */
  boolean delete(String id);

  /**
   * Drops any copy of the subscriptions the implementation keeps (fan-out reads them on every
   * notification), so the next read sees the store as it is now, changes made by other instances
   * included. Admin listings call it before they read; an implementation without a copy does
   * nothing.
   */
  default void invalidate() {
    // nothing kept
  }

  /** Active subscriptions in the given format (fan-out). */
  default List<Subscription> active(DeliveryFormat format) {
    return list().stream().filter(s -> s.active() && s.format() == format).toList();
  }
}
