package io.ecrhub.domain.terminal;

import java.time.Instant;
import java.util.List;

/** Port: the addresses each terminal was seen at, to detect unstable (DHCP) addresses. */
public interface AddressHistory {
  /** Records that the terminal answered at {@code ip}. */
  void seen(TerminalId terminalId, String ip, String mac, Instant at);

  /** Sightings, oldest first. */
  List<AddressSighting> history(TerminalId terminalId);

  /**
   * Records that the terminal's address changed from {@code from} to {@code to} (an operator or an
   * MMS import moved it), so the IP-stability check sees the change even when no diagnostics ran at
   * the old address: the old address is recorded as known since {@code since} (when the terminal
   * was registered) unless it is in the history already, and the new one as seen at {@code at}.
   */
  default void moved(TerminalId terminalId, String from, Instant since, String to, Instant at) {
    if (to == null || to.equals(from)) {
      return;
    }
    if (from != null && history(terminalId).stream().noneMatch(s -> s.ip().equals(from))) {
      Instant known = since != null && since.isBefore(at) ? since : at.minusMillis(1);
      seen(terminalId, from, null, known);
    }
    seen(terminalId, to, null, at);
  }
}
