package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory {@link AddressHistory}, like the SQL adapter: one sighting per terminal and address
 * (first seen kept, last seen and a known MAC updated), oldest first by last then first sighting.
 */
public final class InMemoryAddressHistory implements AddressHistory {
  private final Map<TerminalId, Map<String, AddressSighting>> rows = new LinkedHashMap<>();

  @Override
  public synchronized void seen(TerminalId terminalId, String ip, String mac, Instant at) {
    Map<String, AddressSighting> mine =
        rows.computeIfAbsent(terminalId, t -> new LinkedHashMap<>());
    AddressSighting old = mine.get(ip);
    mine.put(
        ip,
        old == null
            ? new AddressSighting(ip, mac, at, at)
            : new AddressSighting(ip, mac == null ? old.mac() : mac, old.firstSeen(), at));
  }

  @Override
  public synchronized List<AddressSighting> history(TerminalId terminalId) {
    return rows.getOrDefault(terminalId, Map.of()).values().stream()
        .sorted(
            Comparator.comparing(AddressSighting::lastSeen)
                .thenComparing(AddressSighting::firstSeen))
        .toList();
  }
}
