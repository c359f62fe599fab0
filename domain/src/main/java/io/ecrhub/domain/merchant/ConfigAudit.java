package io.ecrhub.domain.merchant;

import java.util.List;

/** Port: the append-only audit log of configuration syncs and drift. */
public interface ConfigAudit {
  void record(ConfigAuditEntry entry);

  /** The newest entries first, at most {@code limit}. */
  List<ConfigAuditEntry> recent(int limit);
}
