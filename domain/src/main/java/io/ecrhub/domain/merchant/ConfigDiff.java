package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The differences between a {@link ConfigSnapshot} and the registry's terminals, device by device.
 * Keys are compared with {@link io.ecrhub.domain.terminal.PosKey#equals} (constant time) and never
 * appear in the result's notes.
 */
public record ConfigDiff(String source, List<DeviceChange> changes, int unchanged) {

  public ConfigDiff {
    changes = List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Compares {@code snapshot} with {@code registry}.
   *
   * @param detectRemovals whether devices missing from the snapshot count as removed (true for a
   *     full POS Key List export; false for a partial upload)
   */
  public static ConfigDiff between(
      ConfigSnapshot snapshot, List<Terminal> registry, boolean detectRemovals) {
    Map<String, Terminal> byDevice = new HashMap<>();
    Map<String, List<Terminal>> unlinkedByHost = new HashMap<>();
    for (Terminal t : registry) {
      t.deviceId()
          .ifPresentOrElse(
              d -> byDevice.put(d, t),
              () -> unlinkedByHost.computeIfAbsent(t.host(), h -> new ArrayList<>()).add(t));
    }
    List<DeviceChange> changes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int unchanged = 0;
    for (DeviceConfig row : snapshot.devices()) {
      seen.add(row.deviceId());
      Terminal t = byDevice.get(row.deviceId());
      Optional<DeviceChange> change;
      if (t != null) {
        change = compare(row, t, false);
      } else if (row.ip() != null && unlinkedByHost.getOrDefault(row.ip(), List.of()).size() == 1) {
        // exactly one terminal registered by hand at this IP: it is this device
        change = compare(row, unlinkedByHost.remove(row.ip()).get(0), true);
      } else {
        change =
            Optional.of(
                new DeviceChange(
                    row.deviceId(),
                    null,
                    EnumSet.of(ChangeKind.NEW),
                    row,
                    List.of(
                        row.ip() == null
                            ? "new device without an IP address"
                            : "new device at " + row.ip())));
      }
      if (change.isPresent()) {
        changes.add(change.get());
      } else {
        unchanged++;
      }
    }
    if (detectRemovals) {
      for (RowError e : snapshot.errors()) {
        if (e.deviceId() != null) {
          seen.add(e.deviceId());
        }
      }
      for (Terminal t : registry) {
        String d = t.deviceId().orElse(null);
        if (d != null && !seen.contains(d) && t.status() != TerminalStatus.DISABLED) {
          changes.add(
              new DeviceChange(
                  d,
                  t.id(),
                  EnumSet.of(ChangeKind.REMOVED),
                  null,
                  List.of("no longer listed by " + snapshot.source())));
        }
      }
    }
    return new ConfigDiff(snapshot.source(), changes, unchanged);
  }

  /** The changes {@code row} would make to {@code t}; empty when none. */
  public static Optional<DeviceChange> compare(DeviceConfig row, Terminal t, boolean link) {
    EnumSet<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
    List<String> notes = new ArrayList<>();
    if (link) {
      kinds.add(ChangeKind.LINKED);
      notes.add("linked to terminal " + t.id() + " by its IP " + t.host());
    }
    if (!row.posKey().equals(t.posKey())) {
      kinds.add(ChangeKind.KEY_CHANGED);
      notes.add("POS key changed");
    }
    if (isHttpFamily(t.transport()) && row.https() != (t.transport() == Transport.HTTPS)) {
      kinds.add(ChangeKind.HTTPS_TOGGLED);
      notes.add("https: " + onOff(!row.https()) + " -> " + onOff(row.https()));
    }
    if (row.encryption() != t.encryption()) {
      kinds.add(ChangeKind.ENCRYPTION_TOGGLED);
      notes.add("encryption: " + onOff(t.encryption()) + " -> " + onOff(row.encryption()));
    }
    if (row.ip() != null && t.transport() != Transport.SERIAL && !row.ip().equals(t.host())) {
      kinds.add(ChangeKind.IP_CHANGED);
      notes.add("ip: " + t.host() + " -> " + row.ip());
    }
    if (row.name() != null && !row.name().isBlank() && !row.name().trim().equals(t.name())) {
      kinds.add(ChangeKind.NAME_CHANGED);
      notes.add("name: '" + t.name() + "' -> '" + row.name().trim() + "'");
    }
    if (kinds.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DeviceChange(row.deviceId(), t.id(), kinds, row, notes));
  }

  static boolean isHttpFamily(Transport t) {
    return t == Transport.HTTP || t == Transport.HTTPS;
  }

  private static String onOff(boolean b) {
    return b ? "on" : "off";
  }
}
