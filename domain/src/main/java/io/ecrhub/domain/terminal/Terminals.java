package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.Page;
import java.util.List;
import java.util.Optional;

/** Port: the registry of terminals (persistence). */
public interface Terminals {
  /** Inserts or updates; fails with a concurrency error when the version is stale. */
  Terminal save(Terminal terminal);

  Optional<Terminal> findById(TerminalId id);

  Optional<Terminal> findByDeviceId(String deviceId);

  /** Terminals ordered by id, after {@code cursor} (exclusive, null for the first page). */
  Page<Terminal> list(String storeId, String cursor, int limit);

  List<Terminal> all();

  boolean delete(TerminalId id);
}
