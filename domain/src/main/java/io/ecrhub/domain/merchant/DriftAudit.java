package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The drift audit, the listener the application gives its one {@link TerminalHealth}: every status
 * change into a problem status becomes one {@link AuditAction#DRIFT} entry, whichever path saw it
 * (payment, refund, query, print, diagnostics, TLS probe). A configuration re-synced from MMS
 * ({@link TerminalStatus#NEW}, checked again on the next contact) is not drift: the sync audits it
 * itself.
 */
public final class DriftAudit implements TerminalHealth.StatusChanges {
  private final ConfigAudit audit;
  private final IdGenerator ids;

  public DriftAudit(ConfigAudit audit, IdGenerator ids) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  @Override
  public void changed(
      Terminal t, TerminalStatus from, TerminalHealth.Observation seen, Instant at) {
    if (!seen.isProblem() || seen.status() == TerminalStatus.NEW) {
      return;
    }
    audit.record(
        new ConfigAuditEntry(
            ids.next(),
            at,
            null,
            "live",
            "hub",
            AuditAction.DRIFT,
            t.deviceId().orElse(null),
            t.id(),
            null,
            seen.status() + ": " + seen.detail()));
  }
}
