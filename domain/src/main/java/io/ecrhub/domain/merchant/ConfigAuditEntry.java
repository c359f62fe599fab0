package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One line of the configuration audit log. Never holds a key.
 *
 * @param syncId the sync this belongs to, null for drift entries
 * @param deviceId device concerned, null for whole-source entries
 * @param terminalId terminal concerned, null when none
 */
public record ConfigAuditEntry(
    String id,
    Instant at,
    String syncId,
    String source,
    String actor,
    AuditAction action,
    String deviceId,
    TerminalId terminalId,
    Set<ChangeKind> changes,
    String detail) {

  public ConfigAuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    changes = changes == null || changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
  }
}
