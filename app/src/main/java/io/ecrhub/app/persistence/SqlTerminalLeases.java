package io.ecrhub.app.persistence;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Adapter: per-terminal leases in {@code terminal_lease}, shared by every hub instance on the
 * database. Taken with a conditional UPDATE (free, expired, or already ours) and, when no row
 * exists, an INSERT ... ON CONFLICT DO NOTHING. Taking joins the caller's transaction (starting a
 * new payment takes the lease and records the payment IN_PROGRESS in one commit; the row lock the
 * UPDATE/INSERT takes makes a racing instance wait for that commit and then see the lease held);
 * releasing joins the transaction that records the outcome. The database's row locking decides
 * races, never a JVM lock.
 */
@ApplicationScoped
public class SqlTerminalLeases implements TerminalLeases {
  private final EntityManager em;

  @Inject
  SqlTerminalLeases(EntityManager em) {
    this.em = em;
  }

  @Override
  public boolean tryAcquire(TerminalId terminalId, String holder, Duration ttl, Instant now) {
    OffsetDateTime at = utc(now);
    OffsetDateTime until = utc(now.plus(ttl));
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              // A free terminal has no row (release deletes it): one INSERT takes it. Only a
              // row that is there (held, or expired) needs the conditional UPDATE.
              int inserted =
                  em.createNativeQuery(
                          "INSERT INTO terminal_lease (terminal_id, holder, expires_at)"
                              + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                      .setParameter(1, terminalId.value())
                      .setParameter(2, holder)
                      .setParameter(3, until)
                      .executeUpdate();
              if (inserted == 1) {
                return true;
              }
              int taken =
                  em.createNativeQuery(
                          "UPDATE terminal_lease SET holder = ?1, expires_at = ?2"
                              + " WHERE terminal_id = ?3 AND (holder = ?1 OR expires_at <= ?4)")
                      .setParameter(1, holder)
                      .setParameter(2, until)
                      .setParameter(3, terminalId.value())
                      .setParameter(4, at)
                      .executeUpdate();
              return taken == 1;
            });
  }

  /**
   * Joins the caller's transaction (the one that records the outcome), so the lease is free exactly
   * when the outcome commits; without one it commits on its own.
   */
  @Override
  public void release(TerminalId terminalId, String holder) {
    QuarkusTransaction.joiningExisting()
        .run(
            () ->
                em.createNativeQuery(
                        "DELETE FROM terminal_lease WHERE terminal_id = ?1 AND holder = ?2")
                    .setParameter(1, terminalId.value())
                    .setParameter(2, holder)
                    .executeUpdate());
  }

  @Override
  public int releaseAllHeldBy(String instanceId) {
    String pattern = likeLiteral(instanceId + ":") + "%";
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                em.createNativeQuery("DELETE FROM terminal_lease WHERE holder LIKE ?1 ESCAPE '!'")
                    .setParameter(1, pattern)
                    .executeUpdate());
  }

  /** {@code text} as a LIKE pattern that matches only itself (escape character {@code !}). */
  private static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  @Override
  public Optional<Lease> current(TerminalId terminalId, Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows =
                  em.createNativeQuery(
                          "SELECT holder, expires_at FROM terminal_lease"
                              + " WHERE terminal_id = ?1 AND expires_at > ?2")
                      .setParameter(1, terminalId.value())
                      .setParameter(2, utc(now))
                      .getResultList();
              if (rows.isEmpty()) {
                return Optional.<Lease>empty();
              }
              Object[] row = (Object[]) rows.get(0);
              return Optional.of(new Lease(terminalId, (String) row[0], instant(row[1])));
            });
  }

  private static OffsetDateTime utc(Instant t) {
    return Times.db(t).atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
  }
}
