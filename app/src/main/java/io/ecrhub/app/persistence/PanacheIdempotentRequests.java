package io.ecrhub.app.persistence;

import io.ecrhub.app.idempotency.IdempotentRequests;
import io.ecrhub.app.persistence.Repositories.IdempotentRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Adapter: Idempotency-Keys in {@code idempotent_request}. Every call commits on its own ({@code
 * REQUIRES_NEW}). A claim is the one native statement, {@code INSERT … ON CONFLICT DO NOTHING}
 * (JPQL has no equivalent; ADR 0013), so of two racing requests exactly one claims (the database's
 * primary key decides, on every hub instance) and the loser's transaction is not failed by a
 * constraint violation.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class PanacheIdempotentRequests implements IdempotentRequests {
  private final IdempotentRequestRepository repo;

  @Inject
  PanacheIdempotentRequests(IdempotentRequestRepository repo) {
    this.repo = repo;
  }

  @Override
  public boolean claim(String operation, String scopedKey, String fingerprint, Instant at) {
    return repo.getEntityManager()
            .createNativeQuery(
                "INSERT INTO idempotent_request (operation, scoped_key, fingerprint, created_at)"
                    + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
            .setParameter(1, operation)
            .setParameter(2, scopedKey)
            .setParameter(3, Times.clip(fingerprint, 500))
            .setParameter(4, at.atOffset(ZoneOffset.UTC))
            .executeUpdate()
        == 1;
  }

  @Override
  public Optional<Entry> find(String operation, String scopedKey) {
    return repo.findByIdOptional(new IdempotentRequestEntity.Key(operation, scopedKey))
        .map(
            r ->
                new Entry(
                    r.operation,
                    r.scopedKey,
                    r.fingerprint,
                    r.resourceId,
                    r.responseStatus,
                    r.responseType,
                    r.responseBody,
                    r.createdAt,
                    r.completedAt));
  }

  @Override
  public void complete(
      String operation,
      String scopedKey,
      String resourceId,
      int status,
      String type,
      String body,
      Instant at) {
    repo.findByIdOptional(new IdempotentRequestEntity.Key(operation, scopedKey))
        .ifPresent(
            r -> {
              r.resourceId = resourceId;
              r.responseStatus = status;
              r.responseType = Times.clip(type, 100);
              r.responseBody = body == null || body.length() > 8000 ? null : body;
              r.completedAt = at;
            });
  }

  @Override
  public void release(String operation, String scopedKey) {
    repo.delete("operation = ?1 and scopedKey = ?2 and completedAt is null", operation, scopedKey);
  }
}
