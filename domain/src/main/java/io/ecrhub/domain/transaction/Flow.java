package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the transaction use cases share: ports, time, settings, lease holders, publishing within the
 * unit of work that made a change, and retrying on optimistic-lock conflicts.
 */
final class Flow {
  static final System.Logger LOG = System.getLogger("io.ecrhub.domain.transaction");
  private static final int MAX_ATTEMPTS = 5;

  final TransactionPorts ports;
  final Clock clock;
  final String instanceId;
  final TransactionSettings settings;
  final TerminalHealth health;
  final LeaseHeartbeat heartbeat;

  Flow(TransactionPorts ports, Clock clock, String instanceId, TransactionSettings settings) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    if (instanceId.isBlank() || instanceId.contains(":")) {
      throw new IllegalArgumentException("instanceId must be non-blank and contain no ':'");
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.health = ports.health();
    this.heartbeat = new LeaseHeartbeat(this);
  }

  Instant now() {
    return clock.instant();
  }

  <T> T tx(Supplier<T> work) {
    return ports.unitOfWork().inTransaction(work);
  }

  /** The lease holder for one transaction of this instance: {@code instance:transactionId}. */
  String holder(String transactionId) {
    return instanceId + ":" + transactionId;
  }

  /** Whether the terminal's lease is held for {@code transactionId} by any instance. */
  boolean leaseHeldFor(TerminalId terminalId, String transactionId, Instant now) {
    return tx(() -> ports.leases().current(terminalId, now))
        .filter(l -> l.holder().endsWith(":" + transactionId))
        .isPresent();
  }

  /** Whether the terminal's lease is held for anything but {@code transactionId}. */
  boolean leaseHeldByOther(TerminalId terminalId, String transactionId, Instant now) {
    return tx(() -> ports.leases().current(terminalId, now))
        .filter(l -> !l.holder().endsWith(":" + transactionId))
        .isPresent();
  }

  /** Takes the terminal's lease for {@code holder} and keeps it alive on the heartbeat. */
  boolean acquire(TerminalId terminalId, String holder) {
    Instant now = now();
    if (!tx(() -> ports.leases().tryAcquire(terminalId, holder, settings.leaseTtl(), now))) {
      return false;
    }
    heartbeat.hold(terminalId, holder, now);
    return true;
  }

  /**
   * The verdict to record for an exchange's answer: as it is while this instance still holds the
   * lease; once the lease is lost (not renewed in time: another instance may be reconciling the
   * transaction, or using the terminal), only an answer that settles the transaction by itself
   * (bound to the request, ADR 0007), anything else leaves it UNKNOWN for reconciliation (never
   * FAILED after it was sent).
   */
  Verdict underLease(boolean held, Verdict verdict) {
    if (held || verdict.definite() || verdict instanceof Verdict.Review) {
      return verdict;
    }
    return new Verdict.Unknown(
        "the terminal lease lapsed during the exchange ("
            + verdict.target()
            + " not recorded); reconciliation settles it");
  }

  /**
   * Releases a lease inside the caller's unit of work (the one that records the outcome), then
   * records the outcome with {@code work}. Releasing first means no reader can see the outcome
   * while the lease is still held, even where the unit of work is not isolated (in-memory stores);
   * in a database transaction both changes commit together, and the order matches the start (lease,
   * then transaction row). If {@code work} fails the unit of work rolls the release back too.
   */
  <T> T releasingLease(TerminalId terminalId, String holder, Supplier<T> work) {
    ports.leases().release(terminalId, holder);
    return work.get();
  }

  /** Whether this instance still holds {@code holder}'s lease now, as far as it knows. */
  boolean stillHolds(String holder) {
    return heartbeat.stillHeld(holder, now());
  }

  /** Stops renewing {@code holder}'s lease: its exchange is over. */
  void stopRenewing(String holder) {
    heartbeat.drop(holder);
  }

  /**
   * Releases a lease in its own unit of work; never throws (an unreleased lease expires on its
   * own). The safety net after a failed outcome; idempotent after {@link #releasingLease}.
   */
  void release(TerminalId terminalId, String holder) {
    heartbeat.drop(holder);
    try {
      ports.unitOfWork().run(() -> ports.leases().release(terminalId, holder));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not release lease of {0}: {1}", terminalId, e);
    }
  }

  Terminal usableTerminal(TerminalId id) {
    Terminal t =
        tx(() -> ports.terminals().findById(id))
            .orElseThrow(
                () -> new NotFoundException("TERMINAL_NOT_FOUND", "no terminal with id " + id));
    if (t.isDisabled()) {
      throw new DomainException(
          "TERMINAL_DISABLED", "terminal " + id + " is disabled; an operator must enable it");
    }
    return t;
  }

  Payment payment(PaymentId id) {
    return tx(() -> ports.payments().findById(id))
        .orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "no payment with id " + id));
  }

  TerminalEndpoint businessEndpoint(Terminal t) {
    return TerminalEndpoint.of(t, settings.connectTimeout(), settings.businessReadTimeout());
  }

  TerminalEndpoint shortEndpoint(Terminal t) {
    return TerminalEndpoint.of(t, settings.connectTimeout(), settings.queryTimeout());
  }

  Duration shortWait() {
    return settings.shortRequestWait();
  }

  /**
   * Publishes events inside the caller's unit of work, the one that made the change: the publisher
   * stores them (event log, webhook outbox) in that transaction, so they are durable exactly when
   * the change is. A failure to store them fails (rolls back) the change.
   */
  void publish(List<? extends DomainEvent> events) {
    if (!events.isEmpty()) {
      ports.events().publishAll(events);
    }
  }

  /**
   * Runs {@code change} (reload, decide, save) in a unit of work and publishes its events in that
   * same unit of work; on an optimistic-lock conflict it runs again on fresh state.
   */
  <T extends DomainEvent> void change(String what, Supplier<List<T>> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        tx(
            () -> {
              List<T> events = change.get();
              publish(events);
              return events;
            });
        return;
      } catch (ConcurrentModificationException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} changed concurrently; re-evaluating", what);
      }
    }
  }
}
