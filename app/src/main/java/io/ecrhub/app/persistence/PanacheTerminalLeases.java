package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.TerminalLeaseRepository;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Adapter: per-terminal leases in {@code terminal_lease}, shared by every hub instance on the
 * database. Taken with an {@code INSERT … ON CONFLICT DO NOTHING} (the one native statement: JPQL
 * has no equivalent, ADR 0013) and, when the row exists, a conditional UPDATE (expired, or already
 * ours). Taking joins the caller's transaction (starting a new payment takes the lease and records
 * the payment IN_PROGRESS in one commit; the row lock the UPDATE/INSERT takes makes a racing
 * instance wait for that commit and then see the lease held); releasing joins the transaction that
 * records the outcome (without one, each commits on its own). The database's row locking decides
 * races, never a JVM lock.
 */
@ApplicationScoped
@Transactional
public class PanacheTerminalLeases implements TerminalLeases {
  private final TerminalLeaseRepository repo;

  @Inject
  PanacheTerminalLeases(TerminalLeaseRepository repo) {
    this.repo = repo;
  }

  @Override
  public boolean tryAcquire(TerminalId terminalId, String holder, Duration ttl, Instant now) {
    Instant until = Times.db(now.plus(ttl));
    // A free terminal has no row (release deletes it): one INSERT takes it. Only a row that is
    // there (held, or expired) needs the conditional UPDATE.
    int inserted =
        repo.getEntityManager()
            .createNativeQuery(
                "INSERT INTO terminal_lease (terminal_id, holder, expires_at)"
                    + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
            .setParameter(1, terminalId.value())
            .setParameter(2, holder)
            .setParameter(3, until.atOffset(ZoneOffset.UTC))
            .executeUpdate();
    if (inserted == 1) {
      return true;
    }
    return repo.update(
            "holder = ?1, expiresAt = ?2 where terminalId = ?3 and (holder = ?1 or expiresAt <= ?4)",
            holder,
            until,
            terminalId.value(),
            Times.db(now))
        == 1;
  }

  @Override
  public boolean renew(TerminalId terminalId, String holder, Duration ttl, Instant now) {
    return repo.update(
            "expiresAt = ?1 where terminalId = ?2 and holder = ?3 and expiresAt > ?4",
            Times.db(now.plus(ttl)),
            terminalId.value(),
            holder,
            Times.db(now))
        == 1;
  }

  @Override
  public void release(TerminalId terminalId, String holder) {
    repo.delete("terminalId = ?1 and holder = ?2", terminalId.value(), holder);
  }

  @Override
  public int releaseAllHeldBy(String instanceId) {
    return (int) repo.delete("holder like ?1 escape '!'", likeLiteral(instanceId + ":") + "%");
  }

  /** {@code text} as a LIKE pattern that matches only itself (escape character {@code !}). */
  private static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /** Read in a transaction of its own: what is committed now. */
  @Override
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Lease> current(TerminalId terminalId, Instant now) {
    return repo.find("terminalId = ?1 and expiresAt > ?2", terminalId.value(), Times.db(now))
        .firstResultOptional()
        .map(r -> new Lease(terminalId, r.holder, r.expiresAt));
  }
}
