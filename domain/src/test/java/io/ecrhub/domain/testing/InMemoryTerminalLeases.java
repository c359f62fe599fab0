package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link TerminalLeases} in memory (one process stands in for every instance). */
public final class InMemoryTerminalLeases implements TerminalLeases {
  private final Map<TerminalId, Lease> leases = new HashMap<>();

  @Override
  public synchronized boolean tryAcquire(
      TerminalId terminalId, String holder, Duration ttl, Instant now) {
    Lease current = leases.get(terminalId);
    if (current != null && current.expiresAt().isAfter(now) && !current.holder().equals(holder)) {
      return false;
    }
    leases.put(terminalId, new Lease(terminalId, holder, now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized boolean renew(
      TerminalId terminalId, String holder, Duration ttl, Instant now) {
    Lease current = leases.get(terminalId);
    if (current == null || !current.expiresAt().isAfter(now) || !current.holder().equals(holder)) {
      return false;
    }
    leases.put(terminalId, new Lease(terminalId, holder, now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized void release(TerminalId terminalId, String holder) {
    Lease current = leases.get(terminalId);
    if (current != null && current.holder().equals(holder)) {
      leases.remove(terminalId);
    }
  }

  @Override
  public synchronized int releaseAllHeldBy(String instanceId) {
    int before = leases.size();
    leases.values().removeIf(l -> l.holder().startsWith(instanceId + ":"));
    return before - leases.size();
  }

  @Override
  public synchronized Optional<Lease> current(TerminalId terminalId, Instant now) {
    return Optional.ofNullable(leases.get(terminalId)).filter(l -> l.expiresAt().isAfter(now));
  }
}
