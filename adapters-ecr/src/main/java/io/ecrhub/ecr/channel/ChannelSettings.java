package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.ecr.codec.EcrCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the terminal channel and the per-request timeouts callers put in their endpoints.
 *
 * @param eventLoopThreads threads of the channel's own Netty event loop group
 * @param maxResponseBytes bound on one response (HTTP body aggregation, raw TCP read)
 * @param connectTimeout TCP connect plus TLS handshake
 * @param businessReadTimeout complete response of a trade or refund after it was written (the
 *     terminal holds it while the customer pays: above the terminal's 120 s wait plus margin)
 * @param shortReadTimeout complete response of print, query and cancel
 * @param keepAliveIdle how long an idle keep-alive connection is kept
 * @param maxIdlePerTerminal idle keep-alive connections kept per terminal (0 disables reuse)
 * @param serialAckTimeout link acknowledgement on USB serial (protocol doc §2.3: 1000 ms)
 */
public record ChannelSettings(
    int eventLoopThreads,
    int maxResponseBytes,
    Duration connectTimeout,
    Duration businessReadTimeout,
    Duration shortReadTimeout,
    Duration keepAliveIdle,
    int maxIdlePerTerminal,
    Duration serialAckTimeout) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_BUSINESS_READ_TIMEOUT = Duration.ofSeconds(150);
  public static final Duration DEFAULT_SHORT_READ_TIMEOUT = Duration.ofSeconds(15);

  public ChannelSettings {
    if (eventLoopThreads < 1 || eventLoopThreads > 64) {
      throw new IllegalArgumentException("eventLoopThreads must be 1-64");
    }
    if (maxResponseBytes < 1024 || maxResponseBytes > EcrCodec.MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be 1024-" + EcrCodec.MAX_BODY_BYTES);
    }
    positive(connectTimeout, "connectTimeout");
    positive(businessReadTimeout, "businessReadTimeout");
    positive(shortReadTimeout, "shortReadTimeout");
    positive(keepAliveIdle, "keepAliveIdle");
    positive(serialAckTimeout, "serialAckTimeout");
    if (maxIdlePerTerminal < 0 || maxIdlePerTerminal > 16) {
      throw new IllegalArgumentException("maxIdlePerTerminal must be 0-16");
    }
  }

  /** 2 threads, 64 KiB, connect 5 s, trade/refund 150 s, others 15 s, keep-alive 20 s x 2. */
  public static ChannelSettings defaults() {
    return new ChannelSettings(
        2,
        EcrCodec.MAX_BODY_BYTES,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_BUSINESS_READ_TIMEOUT,
        DEFAULT_SHORT_READ_TIMEOUT,
        Duration.ofSeconds(20),
        2,
        Duration.ofMillis(1000));
  }

  /** 150 s (default) for trade/refund, 15 s for print/query/cancel. */
  public Duration readTimeoutFor(TerminalCommand command) {
    return command.isBusiness() ? businessReadTimeout : shortReadTimeout;
  }

  /** The endpoint of {@code terminal} with this channel's timeouts for {@code command}. */
  public TerminalEndpoint endpointFor(Terminal terminal, TerminalCommand command) {
    return TerminalEndpoint.of(terminal, connectTimeout, readTimeoutFor(command));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
