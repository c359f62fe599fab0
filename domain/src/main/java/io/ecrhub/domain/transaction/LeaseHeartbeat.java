package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The terminal leases this instance holds for exchanges in flight, renewed on a heartbeat ({@link
 * RenewLeases}). Each remembers until when the database last confirmed it: a holder knows it still
 * holds the terminal only while that time has not passed and no renewal was refused. A renewal that
 * fails on a database error is not a loss yet (the lease runs until its confirmed expiry; the next
 * beat tries again); a refused renewal is. Renewal stops once the exchange's bound has passed
 * ({@link TransactionSettings#exchangeBound()}): the terminal cannot be working on it any more.
 */
final class LeaseHeartbeat {
  private final Flow flow;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  LeaseHeartbeat(Flow flow) {
    this.flow = flow;
  }

  /** One lease held for an exchange. */
  static final class Held {
    final TerminalId terminalId;
    final String holder;
    final Instant acquiredAt;
    volatile Instant confirmedUntil;
    volatile boolean lost;

    Held(TerminalId terminalId, String holder, Instant acquiredAt, Instant confirmedUntil) {
      this.terminalId = terminalId;
      this.holder = holder;
      this.acquiredAt = acquiredAt;
      this.confirmedUntil = confirmedUntil;
    }
  }

  /** Starts renewing the lease {@code holder} took on {@code terminalId} at {@code acquiredAt}. */
  void hold(TerminalId terminalId, String holder, Instant acquiredAt) {
    held.put(
        holder,
        new Held(terminalId, holder, acquiredAt, acquiredAt.plus(flow.settings.leaseTtl())));
  }

  /** Stops renewing {@code holder}'s lease (released, or its outcome recorded). */
  void drop(String holder) {
    held.remove(holder);
  }

  /**
   * Whether this instance still holds {@code holder}'s lease at {@code now} as far as it knows: not
   * refused, and confirmed beyond {@code now}. False for a holder it does not track.
   */
  boolean stillHeld(String holder, Instant now) {
    Held h = held.get(holder);
    return h != null && !h.lost && now.isBefore(h.confirmedUntil);
  }

  /** How many leases are held for exchanges in flight. */
  int size() {
    return held.size();
  }

  /**
   * Gives up every lease held (graceful drain): each counts as lost from now on and is released, so
   * another instance may reconcile its transaction at once.
   *
   * @return how many were given up
   */
  int giveUpAll() {
    int given = 0;
    for (Held h : held.values()) {
      h.lost = true;
      flow.release(h.terminalId, h.holder);
      given++;
    }
    return given;
  }

  int renewHeld() {
    int renewed = 0;
    for (Held h : held.values()) {
      Instant now = flow.now();
      if (h.lost || !now.isBefore(h.acquiredAt.plus(flow.settings.exchangeBound()))) {
        continue;
      }
      try {
        boolean ok =
            flow.tx(
                () ->
                    flow.ports
                        .leases()
                        .renew(h.terminalId, h.holder, flow.settings.leaseTtl(), now));
        if (ok) {
          h.confirmedUntil = now.plus(flow.settings.leaseTtl());
          renewed++;
        } else if (held.containsKey(h.holder)) {
          h.lost = true;
          Flow.LOG.log(
              System.Logger.Level.WARNING,
              "lost the lease of terminal {0} for {1}: its answer is recorded only if it settles"
                  + " the transaction; reconciliation settles the rest",
              h.terminalId,
              h.holder);
        }
      } catch (RuntimeException e) {
        Flow.LOG.log(
            System.Logger.Level.WARNING,
            "could not renew the lease of terminal {0} (held until {1} unless renewed): {2}",
            h.terminalId,
            h.confirmedUntil,
            e.toString());
      }
    }
    return renewed;
  }
}
