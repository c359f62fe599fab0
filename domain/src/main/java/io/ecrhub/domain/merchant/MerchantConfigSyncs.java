package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link SyncMerchantConfig} as the hub runs it: each run with the configured policy (or held for
 * review when the operator asks), removals detected only from a full export, and every applied IP
 * change recorded in the address history so the IP-stability check warns after an MMS import moved
 * a terminal (and suggests a DHCP reservation).
 */
public final class MerchantConfigSyncs {
  private final Terminals terminals;
  private final HeldSyncs held;
  private final MmsDeviceSettings settings;
  private final ConfigAudit audit;
  private final UnitOfWork uow;
  private final Clock clock;
  private final IdGenerator ids;
  private final TerminalHealth health;
  private final AddressHistory addresses;
  private final SyncPolicy configured;

  /**
   * @param configured the configured policy (automatic or review); removals are set per run
   */
  public MerchantConfigSyncs(
      Terminals terminals,
      HeldSyncs held,
      MmsDeviceSettings settings,
      ConfigAudit audit,
      UnitOfWork uow,
      Clock clock,
      IdGenerator ids,
      TerminalHealth health,
      AddressHistory addresses,
      SyncPolicy configured) {
    this.terminals = Objects.requireNonNull(terminals, "terminals");
    this.held = Objects.requireNonNull(held, "held");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.uow = Objects.requireNonNull(uow, "uow");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.health = Objects.requireNonNull(health, "health");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.configured = Objects.requireNonNull(configured, "configured");
  }

  /** How much of the merchant's devices a source lists. */
  public enum Coverage {
    /** Every device: one missing from the source counts as removed. */
    FULL,
    /** Some devices: one missing says nothing. */
    PARTIAL
  }

  /** Whether a run follows the configured policy or holds every change for review. */
  public enum Review {
    AS_CONFIGURED,
    ALL
  }

  /**
   * One sync run.
   *
   * @param actor who started it (an operator's name, {@code scheduler}...)
   */
  public record Run(MerchantConfigSource source, Coverage coverage, Review review, String actor) {
    public Run {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(coverage, "coverage");
      Objects.requireNonNull(review, "review");
    }
  }

  /**
   * Runs one sync.
   *
   * @throws ConfigSourceException when the source delivers nothing usable (audited first)
   */
  public SyncReport sync(Run run) {
    SyncMerchantConfig sync = useCase(run.coverage(), run.review());
    return trackingMoves(() -> sync.sync(run.source(), run.actor()));
  }

  /** Applies a held sync (each device re-checked against the registry as it is now). */
  public SyncReport approve(String heldSyncId, String actor) {
    return trackingMoves(
        () -> useCase(Coverage.FULL, Review.AS_CONFIGURED).approve(heldSyncId, actor));
  }

  /** Discards a held sync; nothing is applied. */
  public SyncReport reject(String heldSyncId, String actor) {
    return useCase(Coverage.FULL, Review.AS_CONFIGURED).reject(heldSyncId, actor);
  }

  /** The syncs waiting for review. */
  public List<HeldSync> pending() {
    return held.pending();
  }

  private SyncMerchantConfig useCase(Coverage coverage, Review review) {
    SyncPolicy policy = review == Review.ALL ? SyncPolicy.review() : configured;
    return new MerchantConfigSync(
        terminals,
        held,
        settings,
        audit,
        uow,
        clock,
        ids,
        health,
        policy.withDetectRemovals(coverage == Coverage.FULL));
  }

  private SyncReport trackingMoves(Supplier<SyncReport> sync) {
    Map<TerminalId, String> before =
        terminals.all().stream().collect(Collectors.toMap(Terminal::id, Terminal::host));
    SyncReport report = sync.get();
    for (SyncReport.DeviceResult d : report.devices()) {
      if (d.result() != SyncReport.Result.APPLIED
          || !d.changes().contains(ChangeKind.IP_CHANGED)
          || d.terminalId() == null) {
        continue;
      }
      terminals
          .findById(d.terminalId())
          .filter(t -> t.transport() != Transport.SERIAL)
          .ifPresent(
              t ->
                  addresses.moved(
                      t.id(), before.get(t.id()), t.createdAt(), t.host(), clock.instant()));
    }
    return report;
  }
}
