package io.ecrhub.app.persistence;

import io.ecrhub.app.idempotency.IdempotentRequests;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Adapter: Idempotency-Keys in {@code idempotent_request}. Every call commits on its own: a claim
 * is an INSERT ... ON CONFLICT DO NOTHING, so of two racing requests exactly one claims (the
 * database's primary key decides, on every hub instance).
 */
@ApplicationScoped
public class SqlIdempotentRequests implements IdempotentRequests {
  private final EntityManager em;

  @Inject
  SqlIdempotentRequests(EntityManager em) {
    this.em = em;
  }

  @Override
  public boolean claim(String operation, String scopedKey, String fingerprint, Instant at) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                            "INSERT INTO idempotent_request"
                                + " (operation, scoped_key, fingerprint, created_at)"
                                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                        .setParameter(1, operation)
                        .setParameter(2, scopedKey)
                        .setParameter(3, Times.clip(fingerprint, 500))
                        .setParameter(4, utc(at))
                        .executeUpdate()
                    == 1);
  }

  @Override
  public Optional<Entry> find(String operation, String scopedKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "SELECT fingerprint, resource_id, response_status, response_type,"
                              + " response_body, created_at, completed_at FROM idempotent_request"
                              + " WHERE operation = ?1 AND scoped_key = ?2")
                      .setParameter(1, operation)
                      .setParameter(2, scopedKey)
                      .getResultList();
              return rows.stream()
                  .findFirst()
                  .map(
                      r ->
                          new Entry(
                              operation,
                              scopedKey,
                              (String) r[0],
                              (String) r[1],
                              r[2] == null ? null : ((Number) r[2]).intValue(),
                              (String) r[3],
                              (String) r[4],
                              instant(r[5]),
                              instant(r[6])));
            });
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
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE idempotent_request SET resource_id = ?1, response_status = ?2,"
                            + " response_type = ?3, response_body = ?4, completed_at = ?5"
                            + " WHERE operation = ?6 AND scoped_key = ?7")
                    .setParameter(1, resourceId)
                    .setParameter(2, status)
                    .setParameter(3, Times.clip(type, 100))
                    .setParameter(4, body == null || body.length() > 8000 ? null : body)
                    .setParameter(5, utc(at))
                    .setParameter(6, operation)
                    .setParameter(7, scopedKey)
                    .executeUpdate());
  }

  @Override
  public void release(String operation, String scopedKey) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "DELETE FROM idempotent_request WHERE operation = ?1 AND scoped_key = ?2"
                            + " AND completed_at IS NULL")
                    .setParameter(1, operation)
                    .setParameter(2, scopedKey)
                    .executeUpdate());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case null -> null;
      case Instant i -> i;
      case OffsetDateTime o -> o.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      default -> throw new IllegalStateException("unexpected timestamp " + value.getClass());
    };
  }
}
