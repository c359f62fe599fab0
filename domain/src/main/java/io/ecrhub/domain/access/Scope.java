package io.ecrhub.domain.access;

import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import java.util.Set;

/**
 * Which terminals a key reaches: those in {@code stores} plus those listed in {@code terminals}.
 * Both empty means every terminal (unscoped).
 */
public record Scope(Set<String> stores, Set<String> terminals) {
  public static final Scope ALL = new Scope(Set.of(), Set.of());

  public Scope {
    stores = stores == null ? Set.of() : Set.copyOf(stores);
    terminals = terminals == null ? Set.of() : Set.copyOf(terminals);
    for (String s : stores) {
      ValidationException.require(
          s != null && s.matches("[A-Za-z0-9_.-]{1,64}"),
          "INVALID_SCOPE",
          "scope.stores",
          "store ids are 1-64 of letters, digits, _ . -");
    }
    for (String t : terminals) {
      TerminalId.of(t);
    }
    ValidationException.require(
        stores.size() + terminals.size() <= 200,
        "INVALID_SCOPE",
        "scope",
        "a scope names at most 200 stores and terminals");
  }

  public boolean unrestricted() {
    return stores.isEmpty() && terminals.isEmpty();
  }

  public boolean covers(Terminal t) {
    return unrestricted()
        || terminals.contains(t.id().value())
        || t.storeId().map(stores::contains).orElse(false);
  }

  public boolean coversStore(String storeId) {
    return unrestricted() || (storeId != null && stores.contains(storeId));
  }
}
