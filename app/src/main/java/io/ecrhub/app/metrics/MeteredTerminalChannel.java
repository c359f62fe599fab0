package io.ecrhub.app.metrics;

import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Decorator of the {@link TerminalChannel}: records each request's round trip in the histogram
 * {@code ecrhub_terminal_round_trip_seconds{command, outcome}} (e.g. command=pay,
 * outcome=approved). Tags never carry terminal ids or payloads.
 */
public final class MeteredTerminalChannel implements TerminalChannel {
  private final TerminalChannel delegate;
  private final MeterRegistry registry;

  public MeteredTerminalChannel(TerminalChannel delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate);
    this.registry = Objects.requireNonNull(registry);
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    return send(endpoint, command, UNOBSERVED);
  }

  /** One timing per request; {@code written} goes on to the delegate. */
  @Override
  public CompletionStage<TerminalOutcome> send(
      TerminalEndpoint endpoint, TerminalCommand command, Runnable written) {
    long started = System.nanoTime();
    return delegate
        .send(endpoint, command, written)
        .whenComplete(
            (outcome, error) ->
                timer(command, outcome == null ? "error" : name(outcome))
                    .record(
                        System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
  }

  private Timer timer(TerminalCommand command, String outcome) {
    return Timer.builder("ecrhub.terminal.round.trip")
        .description("Round trip of one request to a terminal, by command and outcome")
        .tag("command", name(command))
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  private static String name(Object o) {
    return o.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
