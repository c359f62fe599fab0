package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** {@link Terminals} in memory, with the port's version rule. Stores and hands out copies. */
public final class InMemoryTerminals implements Terminals {
  private final TreeMap<String, Terminal> byId = new TreeMap<>();

  @Override
  public synchronized Terminal save(Terminal terminal) {
    Terminal stored = byId.get(terminal.id().value());
    long storedVersion = stored == null ? 0 : stored.version();
    if (storedVersion != terminal.version()) {
      throw new ConcurrentModificationException("terminal " + terminal.id());
    }
    Terminal next = terminal.withVersion(terminal.version() + 1);
    byId.put(terminal.id().value(), next);
    return copy(next);
  }

  @Override
  public synchronized Optional<Terminal> findById(TerminalId id) {
    return Optional.ofNullable(byId.get(id.value())).map(InMemoryTerminals::copy);
  }

  @Override
  public synchronized Optional<Terminal> findByDeviceId(String deviceId) {
    return byId.values().stream()
        .filter(t -> t.deviceId().filter(d -> d.equals(deviceId)).isPresent())
        .findFirst()
        .map(InMemoryTerminals::copy);
  }

  @Override
  public synchronized Page<Terminal> list(String storeId, String cursor, int limit) {
    var tail = cursor == null ? byId : byId.tailMap(cursor, false);
    List<Terminal> items = new ArrayList<>();
    boolean more = false;
    for (Terminal t : tail.values()) {
      if (storeId != null && !Objects.equals(t.storeId().orElse(null), storeId)) {
        continue;
      }
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(copy(t));
    }
    String next = more ? items.get(items.size() - 1).id().value() : null;
    return new Page<>(items, next);
  }

  @Override
  public synchronized List<Terminal> all() {
    return byId.values().stream().map(InMemoryTerminals::copy).toList();
  }

  @Override
  public synchronized boolean delete(TerminalId id) {
    return byId.remove(id.value()) != null;
  }

  private static Terminal copy(Terminal t) {
    return t.withVersion(t.version());
  }
}
