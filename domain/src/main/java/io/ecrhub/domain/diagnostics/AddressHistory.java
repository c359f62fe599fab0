package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.List;

/** Port: the addresses each terminal was seen at, to detect unstable (DHCP) addresses. */
public interface AddressHistory {
  /** Records that the terminal answered at {@code ip}. */
  void seen(TerminalId terminalId, String ip, String mac, Instant at);

  /** Sightings, oldest first. */
  List<AddressSighting> history(TerminalId terminalId);
}
