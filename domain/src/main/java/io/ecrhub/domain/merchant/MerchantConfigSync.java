package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.Terminals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SyncMerchantConfig}: diffs a source against the registry, applies each device in its own
 * unit of work (all of a device or nothing of it), holds what needs review, audits everything.
 */
public final class MerchantConfigSync implements SyncMerchantConfig {
  private final Terminals terminals;
  private final HeldSyncs heldSyncs;
  private final MmsDeviceSettings mmsSettings;
  private final ConfigAudit audit;
  private final UnitOfWork uow;
  private final Clock clock;
  private final IdGenerator ids;
  private final SyncPolicy policy;
  private final ChangeApplier applier;

  public MerchantConfigSync(
      Terminals terminals,
      HeldSyncs heldSyncs,
      MmsDeviceSettings mmsSettings,
      ConfigAudit audit,
      UnitOfWork uow,
      Clock clock,
      IdGenerator ids,
      TerminalHealth health,
      SyncPolicy policy) {
    this.terminals = terminals;
    this.heldSyncs = heldSyncs;
    this.mmsSettings = mmsSettings;
    this.audit = audit;
    this.uow = uow;
    this.clock = clock;
    this.ids = ids;
    this.policy = policy;
    this.applier = new ChangeApplier(terminals, ids, health);
  }

  @Override
  public SyncReport sync(MerchantConfigSource source, String actor) {
    String syncId = ids.next();
    Instant now = clock.instant();
    ConfigSnapshot snap;
    try {
      snap = source.fetch();
    } catch (ConfigSourceException e) {
      log(syncId, source.name(), actor, AuditAction.SOURCE_FAILED, null, null, e.getMessage());
      throw e;
    }
    for (RowError e : snap.errors()) {
      log(
          syncId,
          snap.source(),
          actor,
          AuditAction.ROW_REJECTED,
          e.deviceId(),
          null,
          "row " + e.row() + " (" + e.field() + "): " + e.reason());
    }
    ConfigDiff diff =
        uow.inTransaction(
            () -> {
              for (DeviceConfig d : snap.devices()) {
                mmsSettings.record(
                    new MmsDeviceSetting(
                        d.deviceId(), d.https(), d.encryption(), snap.source(), now));
              }
              return ConfigDiff.between(snap, terminals.all(), policy.detectRemovals());
            });
    List<SyncReport.DeviceResult> results = new ArrayList<>();
    List<DeviceChange> held = new ArrayList<>();
    for (DeviceChange c : diff.changes()) {
      if (policy.needsReview(c)) {
        held.add(c);
      } else {
        results.add(applyOne(syncId, snap.source(), actor, c));
      }
    }
    if (!held.isEmpty()) {
      heldSyncs.save(HeldSync.pending(syncId, snap.source(), now, held, snap.errors()));
      for (DeviceChange c : held) {
        log(syncId, snap.source(), actor, AuditAction.HELD, c, String.join("; ", c.notes()));
        results.add(result(c, SyncReport.Result.HELD, "waiting for review"));
      }
    }
    if (diff.isEmpty()) {
      log(
          syncId,
          snap.source(),
          actor,
          AuditAction.NO_CHANGES,
          null,
          null,
          diff.unchanged() + " devices already match");
    }
    return new SyncReport(syncId, snap.source(), now, results, snap.errors(), diff.unchanged());
  }

  @Override
  public SyncReport approve(String heldSyncId, String actor) {
    HeldSync held = resolve(heldSyncId, HeldSync.Status.APPROVED, actor);
    List<SyncReport.DeviceResult> results = new ArrayList<>();
    for (DeviceChange c : held.changes()) {
      results.add(applyOne(held.id(), held.source(), actor, c));
    }
    return new SyncReport(held.id(), held.source(), clock.instant(), results, List.of(), 0);
  }

  @Override
  public SyncReport reject(String heldSyncId, String actor) {
    HeldSync held = resolve(heldSyncId, HeldSync.Status.REJECTED, actor);
    List<SyncReport.DeviceResult> results = new ArrayList<>();
    for (DeviceChange c : held.changes()) {
      log(held.id(), held.source(), actor, AuditAction.REJECTED, c, "rejected by " + actor);
      results.add(result(c, SyncReport.Result.REJECTED, "rejected by " + actor));
    }
    return new SyncReport(held.id(), held.source(), clock.instant(), results, List.of(), 0);
  }

  private HeldSync resolve(String id, HeldSync.Status to, String actor) {
    return uow.inTransaction(
        () -> {
          HeldSync held =
              heldSyncs
                  .find(id)
                  .orElseThrow(
                      () -> new NotFoundException("HELD_SYNC_NOT_FOUND", "no held sync " + id));
          if (held.status() != HeldSync.Status.PENDING) {
            throw new DomainException(
                "HELD_SYNC_RESOLVED",
                "held sync " + id + " was already " + held.status().name().toLowerCase());
          }
          HeldSync resolved = held.resolve(to, actor, clock.instant());
          heldSyncs.save(resolved);
          return resolved;
        });
  }

  private SyncReport.DeviceResult applyOne(
      String syncId, String source, String actor, DeviceChange c) {
    Instant now = clock.instant();
    try {
      Optional<DeviceChange> applied = uow.inTransaction(() -> applier.apply(c, now));
      if (applied.isEmpty()) {
        log(syncId, source, actor, AuditAction.SKIPPED, c, "registry already matches");
        return result(c, SyncReport.Result.SKIPPED, "registry already matches");
      }
      DeviceChange a = applied.get();
      log(syncId, source, actor, AuditAction.APPLIED, a, String.join("; ", a.notes()));
      return new SyncReport.DeviceResult(
          a.deviceId(), a.terminalId(), a.kinds(), a.notes(), SyncReport.Result.APPLIED, null);
    } catch (DomainException e) {
      String reason = e.code() + ": " + e.getMessage();
      boolean skip = "NEW_DEVICE_WITHOUT_IP".equals(e.code());
      log(syncId, source, actor, skip ? AuditAction.SKIPPED : AuditAction.FAILED, c, reason);
      return result(c, skip ? SyncReport.Result.SKIPPED : SyncReport.Result.FAILED, reason);
    }
  }

  private static SyncReport.DeviceResult result(
      DeviceChange c, SyncReport.Result r, String reason) {
    return new SyncReport.DeviceResult(
        c.deviceId(), c.terminalId(), c.kinds(), c.notes(), r, reason);
  }

  private void log(
      String syncId, String source, String actor, AuditAction a, DeviceChange c, String detail) {
    audit.record(
        new ConfigAuditEntry(
            ids.next(),
            clock.instant(),
            syncId,
            source,
            actor,
            a,
            c.deviceId(),
            c.terminalId(),
            c.kinds(),
            detail));
  }

  private void log(
      String syncId,
      String source,
      String actor,
      AuditAction a,
      String deviceId,
      Set<ChangeKind> kinds,
      String detail) {
    audit.record(
        new ConfigAuditEntry(
            ids.next(), clock.instant(), syncId, source, actor, a, deviceId, null, kinds, detail));
  }
}
