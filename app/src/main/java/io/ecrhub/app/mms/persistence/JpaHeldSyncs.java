package io.ecrhub.app.mms.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.DeviceChange;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TerminalId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Adapter: syncs held for review in {@code mms_held_sync}. The changes, which carry new POS keys,
 * are stored as one sealed JSON document; row errors (no secrets) in clear. Takes part in
 * master-key rotation: every held sync (pending or resolved) is re-sealed under the new key.
 */
@ApplicationScoped
@Transactional
public class JpaHeldSyncs implements HeldSyncs, SealedSecretStore {
  private static final Logger LOG = Logger.getLogger(JpaHeldSyncs.class);

  private static final TypeReference<List<ChangeJson>> CHANGES = new TypeReference<>() {};
  private static final TypeReference<List<RowErrorJson>> ERRORS = new TypeReference<>() {};

  private final EntityManager em;
  private final SecretSealer sealer;
  private final ObjectMapper json;
  private final BatchReseal reseal;

  @Inject
  JpaHeldSyncs(EntityManager em, SecretSealer sealer, ObjectMapper json, BatchReseal reseal) {
    this.em = em;
    this.sealer = sealer;
    this.json = json;
    this.reseal = reseal;
  }

  @RegisterForReflection
  record Incoming(
      String deviceId, String name, String posKey, boolean https, boolean encryption, String ip) {}

  @RegisterForReflection
  record ChangeJson(
      String deviceId,
      String terminalId,
      List<ChangeKind> kinds,
      List<String> notes,
      Incoming incoming) {}

  @RegisterForReflection
  record RowErrorJson(int row, String field, String reason, String deviceId) {}

  @Override
  public void save(HeldSync sync) {
    HeldSyncEntity row = em.find(HeldSyncEntity.class, sync.id());
    if (row == null) {
      row = new HeldSyncEntity();
      row.id = sync.id();
      row.source = JpaConfigAudit.clip(sync.source(), 300);
      row.createdAt = sync.createdAt();
      row.changesSealed =
          sealer.seal(
              write(sync.changes().stream().map(JpaHeldSyncs::json).toList()), sealedFor(row.id));
      row.rowErrors =
          write(
              sync.rowErrors().stream()
                  .map(e -> new RowErrorJson(e.row(), e.field(), e.reason(), e.deviceId()))
                  .toList());
      row.status = sync.status().name();
      em.persist(row);
    }
    row.status = sync.status().name();
    row.resolvedBy = sync.resolvedBy();
    row.resolvedAt = sync.resolvedAt();
  }

  @Override
  public Optional<HeldSync> find(String id) {
    return Optional.ofNullable(em.find(HeldSyncEntity.class, id)).map(this::toDomain);
  }

  /**
   * The pending syncs whose changes open; one that does not (sealed for another row, tampered with,
   * or under a master key that is not configured) is left out with a warning (id and reason only).
   */
  @Override
  public List<HeldSync> pending() {
    List<HeldSync> out = new ArrayList<>();
    for (HeldSyncEntity r :
        em.createQuery(
                "FROM HeldSyncEntity WHERE status = 'PENDING' ORDER BY createdAt",
                HeldSyncEntity.class)
            .getResultList()) {
      try {
        out.add(toDomain(r));
      } catch (SealingException e) {
        LOG.warnf("held MMS sync %s is not listed: %s", r.id, e.getMessage());
      }
    }
    return out;
  }

  private static SealedFor sealedFor(String id) {
    return new SealedFor("mms_held_sync", "changes_sealed", id);
  }

  @Override
  public String name() {
    return "held MMS syncs";
  }

  /** Re-seals in batches ({@link BatchReseal}), each batch in its own transaction. */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public int resealAll(Resealer resealer) {
    return reseal.run(
        name(),
        from ->
            em.createQuery(
                    "SELECT h.id FROM HeldSyncEntity h WHERE h.id > ?1 ORDER BY h.id", String.class)
                .setParameter(1, from)
                .setMaxResults(BatchReseal.BATCH)
                .getResultList(),
        id -> {
          HeldSyncEntity row = em.find(HeldSyncEntity.class, id);
          if (row == null || !resealer.needsReseal(row.changesSealed)) {
            return false;
          }
          row.changesSealed = resealer.reseal(row.changesSealed, sealedFor(row.id));
          return true;
        });
  }

  private HeldSync toDomain(HeldSyncEntity r) {
    List<DeviceChange> changes =
        read(sealer.open(r.changesSealed, sealedFor(r.id)), CHANGES).stream()
            .map(JpaHeldSyncs::domain)
            .toList();
    List<RowError> errors =
        read(r.rowErrors, ERRORS).stream()
            .map(e -> new RowError(e.row(), e.field(), e.reason(), e.deviceId()))
            .toList();
    return new HeldSync(
        r.id,
        r.source,
        r.createdAt,
        changes,
        errors,
        HeldSync.Status.valueOf(r.status),
        r.resolvedBy,
        r.resolvedAt);
  }

  private static ChangeJson json(DeviceChange c) {
    DeviceConfig d = c.incoming();
    return new ChangeJson(
        c.deviceId(),
        c.terminalId() == null ? null : c.terminalId().value(),
        List.copyOf(c.kinds()),
        c.notes(),
        d == null
            ? null
            : new Incoming(
                d.deviceId(), d.name(), d.posKey().reveal(), d.https(), d.encryption(), d.ip()));
  }

  private static DeviceChange domain(ChangeJson c) {
    Incoming i = c.incoming();
    DeviceConfig d =
        i == null
            ? null
            : new DeviceConfig(
                i.deviceId(),
                i.name(),
                PosKey.of(i.posKey(), true),
                i.https(),
                i.encryption(),
                i.ip());
    return new DeviceChange(
        c.deviceId(),
        c.terminalId() == null ? null : TerminalId.of(c.terminalId()),
        c.kinds().isEmpty() ? EnumSet.noneOf(ChangeKind.class) : EnumSet.copyOf(c.kinds()),
        d,
        c.notes());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("held sync cannot be serialised", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("held sync row is corrupt", e);
    }
  }
}
