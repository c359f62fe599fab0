package io.ecrhub.domain.transaction;

import java.util.Locale;

/**
 * What vouches for a settled transaction (ADR 0007). A terminal's answer is authentic only where
 * the channel authenticates the terminal (pinned HTTPS, the serial cable to the till); over plain
 * HTTP or TCP anyone on the LAN can answer, so a settlement on such an answer waits for QFPay's
 * confirmation.
 */
public enum ConfirmedBy {
  /** The terminal's answer over pinned HTTPS (the peer proved its pinned certificate). */
  TERMINAL_TLS,
  /** The terminal's answer over plain HTTP or TCP: nothing proves who answered. */
  TERMINAL_PLAIN,
  /** The terminal's answer over the USB serial cable to the till. */
  TERMINAL_SERIAL,
  /** A notification signed with QFPay's notification key. */
  NOTIFICATION,
  /** The terminal's answer to a transaction inquiry (4001). */
  QUERY,
  /** QFPay's cloud (Open API query); reserved for the QFPay cloud work. */
  CLOUD;

  /** The longest {@link #key()}, for the columns that store it. */
  public static final int MAX_KEY_LENGTH = 15;

  /** The API and storage name, e.g. {@code terminal_tls}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value whose {@link #key()} (or name) is {@code text}; null for null. */
  public static ConfirmedBy ofKey(String text) {
    return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
