package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;
import java.util.Optional;

/** Port: notification facts for a terminal's merchant (from the notification intake). */
public interface NotificationHealth {
  Optional<NotificationFacts> forTerminal(TerminalId terminalId);
}
