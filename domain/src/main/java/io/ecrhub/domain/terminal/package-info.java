/**
 * Terminals: the QFPay POS devices (Haojin app) the hub drives, how to reach them and the port that
 * talks to them.
 *
 * <p>Invariants: a terminal's POS key is a {@link io.ecrhub.domain.terminal.PosKey} (16, 24 or 32
 * UTF-8 bytes) that never prints itself; a request the terminal model cannot do (a card payment on
 * a PAX A920) is refused before it reaches the wire; HTTPS needs Haojin 4.34.12 or newer.
 */
package io.ecrhub.domain.terminal;
