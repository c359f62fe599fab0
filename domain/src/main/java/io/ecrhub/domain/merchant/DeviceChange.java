package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.TerminalId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The differences for one device between a source and the registry.
 *
 * @param terminalId the registered terminal, null for {@link ChangeKind#NEW}
 * @param incoming the source's row, null for {@link ChangeKind#REMOVED}
 * @param notes human, non-secret descriptions such as {@code https: off -> on}
 */
public record DeviceChange(
    String deviceId,
    TerminalId terminalId,
    Set<ChangeKind> kinds,
    DeviceConfig incoming,
    List<String> notes) {

  public DeviceChange {
    Objects.requireNonNull(deviceId, "deviceId");
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    notes = List.copyOf(notes);
  }

  public boolean has(ChangeKind kind) {
    return kinds.contains(kind);
  }

  @Override
  public String toString() {
    return "DeviceChange[" + deviceId + " " + terminalId + " " + kinds + " " + notes + "]";
  }
}
