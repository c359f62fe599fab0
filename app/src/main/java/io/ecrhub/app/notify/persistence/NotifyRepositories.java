package io.ecrhub.app.notify.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The Panache repositories behind the admin-side notify stores (one per table). */
final class NotifyRepositories {
  private NotifyRepositories() {}

  @ApplicationScoped
  static class SubscriptionRepository
      implements PanacheRepositoryBase<SubscriptionEntity, String> {}

  @ApplicationScoped
  static class NotificationKeyRepository
      implements PanacheRepositoryBase<NotificationKeyEntity, String> {}

  @ApplicationScoped
  static class OutboxRepository implements PanacheRepositoryBase<OutboxEntity, String> {}

  @ApplicationScoped
  static class AttemptRepository implements PanacheRepositoryBase<AttemptEntity, Long> {}
}
