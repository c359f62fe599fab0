package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.codec.EcrFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * USB serial: hands the encoded body to the injected {@link SerialExchange} (the device path is the
 * endpoint's host). Its {@link SerialExchange.SerialLinkException} is NotSent when the request
 * provably never arrived, else OutcomeUnknown; any other failure is OutcomeUnknown.
 */
final class SerialRoute {
  /** Safety net above the link's own timeouts, in case the link never completes. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final SerialExchange serial;
  private final Duration ackTimeout;

  SerialRoute(SerialExchange serial, Duration ackTimeout) {
    this.serial = serial;
    this.ackTimeout = ackTimeout;
  }

  CompletableFuture<TerminalOutcome> send(TerminalEndpoint e, EcrFunction fn, String body) {
    if (serial == null) {
      return CompletableFuture.completedFuture(
          new NotSent(NotSentCause.CONFIGURATION, "no USB serial link is configured in this hub"));
    }
    CompletableFuture<byte[]> exchange;
    try {
      exchange =
          serial.exchange(
              e.host(), body.getBytes(StandardCharsets.UTF_8), ackTimeout, e.readTimeout());
    } catch (RuntimeException ex) {
      return CompletableFuture.completedFuture(
          new NotSent(
              NotSentCause.CONFIGURATION,
              "the serial link refused the request (" + ex.getClass().getSimpleName() + ")"));
    }
    long limitMs = ackTimeout.plus(e.readTimeout()).plus(GRACE).toMillis();
    return exchange
        .orTimeout(limitMs, TimeUnit.MILLISECONDS)
        .handle(
            (bytes, ex) -> {
              if (ex == null) {
                return Outcomes.answer(fn, bytes, -1, e.posKey());
              }
              Throwable cause = unwrap(ex);
              if (cause instanceof SerialExchange.SerialLinkException link) {
                return link.mayHaveReachedTerminal()
                    ? new TerminalOutcome.OutcomeUnknown("serial link: " + link.getMessage())
                    : new NotSent(NotSentCause.CONNECT_FAILED, "serial link: " + link.getMessage());
              }
              if (cause instanceof TimeoutException) {
                return new TerminalOutcome.OutcomeUnknown(
                    "serial link gave no result within " + limitMs + " ms");
              }
              return new TerminalOutcome.OutcomeUnknown(
                  "serial link failed (" + cause.getClass().getSimpleName() + ")");
            });
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
