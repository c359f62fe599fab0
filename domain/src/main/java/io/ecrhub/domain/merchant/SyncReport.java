package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What one sync (or one review decision) did, device by device, plus the rejected rows. */
public record SyncReport(
    String syncId,
    String source,
    Instant at,
    List<DeviceResult> devices,
    List<RowError> rowErrors,
    int unchanged) {

  public SyncReport {
    devices = List.copyOf(devices);
    rowErrors = List.copyOf(rowErrors);
  }

  public long count(Result result) {
    return devices.stream().filter(d -> d.result() == result).count();
  }

  /** True when some changes wait for an operator (the sync id is then the held sync's id). */
  public boolean hasHeld() {
    return count(Result.HELD) > 0;
  }

  /** The fate of one device's changes. */
  public enum Result {
    APPLIED,
    HELD,
    FAILED,
    SKIPPED,
    REJECTED
  }

  /**
   * One device's changes and what became of them.
   *
   * @param reason why it failed or was skipped, else null
   */
  public record DeviceResult(
      String deviceId,
      TerminalId terminalId,
      Set<ChangeKind> changes,
      List<String> notes,
      Result result,
      String reason) {
    public DeviceResult {
      changes = changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
      notes = List.copyOf(notes);
    }
  }
}
