package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.metrics.DeliveryBacklog;
import io.ecrhub.app.notify.persistence.NotifyRepositories.OutboxRepository;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Adapter: the webhook outbox's backlog for the metrics ({@link DeliveryBacklog}). */
@ApplicationScoped
@Transactional
public class SqlDeliveryBacklog implements DeliveryBacklog {
  private static final List<String> WAITING =
      List.of(
          DeliveryStatus.RECORDED.name(),
          DeliveryStatus.DELIVERING.name(),
          DeliveryStatus.RETRY_SCHEDULED.name());

  private final OutboxRepository repo;

  @Inject
  SqlDeliveryBacklog(OutboxRepository repo) {
    this.repo = repo;
  }

  @Override
  public long pending() {
    return repo.count("status in ?1", WAITING);
  }

  @Override
  public long deadLetters() {
    return repo.count("status", DeliveryStatus.DEAD_LETTER.name());
  }

  @Override
  public Optional<Instant> oldestPending() {
    return Optional.ofNullable(
        repo.getEntityManager()
            .createQuery(
                "select min(o.createdAt) from OutboxEntity o where o.status in :waiting",
                Instant.class)
            .setParameter("waiting", WAITING)
            .getSingleResult());
  }
}
