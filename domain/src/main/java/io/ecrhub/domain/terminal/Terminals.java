package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.Page;
import java.util.List;
import java.util.Optional;

/**
 * Port: the registry of terminals (persistence).
 *
 * <p>Versions (optimistic concurrency): a terminal that was never saved has version 0. {@link
 * #save} of a terminal with version {@code v} stores it as {@code v + 1} and returns a copy
 * carrying {@code v + 1} (see {@link Terminal#withVersion}); when the stored version is not {@code
 * v} (including a "new" terminal whose id is already taken) it throws {@link
 * io.ecrhub.domain.shared.ConcurrentModificationException} and stores nothing. The argument is
 * never modified.
 */
public interface Terminals {
  /** Inserts or updates; returns the stored terminal with its new version (see class doc). */
  Terminal save(Terminal terminal);

  Optional<Terminal> findById(TerminalId id);

  Optional<Terminal> findByDeviceId(String deviceId);

  /**
   * Terminals ordered by id, after {@code cursor} (exclusive, null for the first page), at most
   * {@code limit}. {@code storeId} null lists every store. The page's cursor is opaque and null on
   * the last page.
   */
  Page<Terminal> list(String storeId, String cursor, int limit);

  /** Every terminal, ordered by id. */
  List<Terminal> all();

  /** Deletes the terminal; false when there was none. */
  boolean delete(TerminalId id);
}
