package io.ecrhub.domain.settlement;

import io.ecrhub.domain.shared.Page;
import java.util.Optional;

/** Port: stored statement runs. */
public interface SettlementRuns {
  /** Stores a new run with its differing lines. */
  void save(SettlementRun run);

  /** The run with its differing lines. */
  Optional<SettlementRun> find(String id);

  /**
   * Runs newest first (ran at descending, then id descending), without their lines, keyset-paged by
   * an opaque cursor (null for the first page; null on the last page).
   */
  Page<SettlementRun> list(String cursor, int limit);
}
