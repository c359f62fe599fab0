/**
 * Terminals: the QFPay POS devices (Haojin app) the hub drives, how to reach them, the port that
 * talks to them and what travels on it (commands, outcomes, the identifiers {@link
 * io.ecrhub.domain.terminal.OutTradeNo} and {@link io.ecrhub.domain.terminal.Syssn}, payment
 * channels, decline reasons); their status and its one writer ({@link
 * io.ecrhub.domain.terminal.TerminalHealth}); certificate pins and address history; and the
 * registry's admin use cases ({@link io.ecrhub.domain.terminal.TerminalRegistry}).
 *
 * <p>Invariants: a terminal's POS key is a {@link io.ecrhub.domain.terminal.PosKey} (16, 24 or 32
 * UTF-8 bytes) that never prints itself; a request the terminal model cannot do (a card payment on
 * a PAX A920) is refused before it reaches the wire; HTTPS needs Haojin 4.34.12 or newer; a status
 * is written only through the application's one {@code TerminalHealth}, so every change reaches its
 * listener (the drift audit); this package depends on no other feature package but {@code
 * certificate} (and {@code shared}).
 */
package io.ecrhub.domain.terminal;
