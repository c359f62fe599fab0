package io.ecrhub.app.terminals;

import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Terminal;

/** Port: terminal listings limited to what an API key's scope covers, keyset-paginated by id. */
public interface TerminalDirectory {
  /**
   * @param storeId only this store, or null for all
   * @param scope the caller's scope ({@link Scope#ALL} for everything)
   */
  Page<Terminal> list(String storeId, Scope scope, String cursor, int limit);
}
