package io.ecrhub.app.mms.persistence;

import io.ecrhub.domain.merchant.AuditAction;
import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.ConfigAuditEntry;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Adapter: the configuration audit log in {@code mms_config_audit}. */
@ApplicationScoped
@Transactional
public class JpaConfigAudit implements ConfigAudit {
  private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() * 1000);
  private final EntityManager em;

  @Inject
  JpaConfigAudit(EntityManager em) {
    this.em = em;
  }

  @Override
  public void record(ConfigAuditEntry e) {
    AuditEntity row = new AuditEntity();
    row.id = e.id();
    row.at = e.at();
    row.seq = SEQ.incrementAndGet();
    row.syncId = e.syncId();
    row.source = clip(e.source(), 300);
    row.actor = clip(e.actor(), 200);
    row.action = e.action().name();
    row.deviceId = e.deviceId();
    row.terminalId = e.terminalId() == null ? null : e.terminalId().value();
    row.changes = e.changes().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    row.detail = clip(e.detail(), 4000);
    em.persist(row);
  }

  @Override
  public List<ConfigAuditEntry> recent(int limit) {
    return em
        .createQuery("FROM AuditEntity ORDER BY at DESC, seq DESC", AuditEntity.class)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(JpaConfigAudit::toDomain)
        .toList();
  }

  private static ConfigAuditEntry toDomain(AuditEntity r) {
    Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    if (r.changes != null && !r.changes.isBlank()) {
      Arrays.stream(r.changes.split(",")).map(ChangeKind::valueOf).forEach(kinds::add);
    }
    return new ConfigAuditEntry(
        r.id,
        r.at,
        r.syncId,
        r.source,
        r.actor,
        AuditAction.valueOf(r.action),
        r.deviceId,
        r.terminalId == null ? null : TerminalId.of(r.terminalId),
        kinds,
        r.detail);
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
