package io.ecrhub.domain.terminal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Helpers for calling a {@link TerminalChannel} from use cases: a channel that breaks its contract
 * (throws, or completes exceptionally) never escapes as an exception, it becomes {@link
 * TerminalOutcome.OutcomeUnknown} because the request may have left.
 */
public final class TerminalCalls {
  private TerminalCalls() {}

  /**
   * Sends {@code command}; a synchronous exception from the channel becomes an exceptionally
   * completed stage.
   */
  public static CompletionStage<TerminalOutcome> send(
      TerminalChannel channel, TerminalEndpoint endpoint, TerminalCommand command) {
    return send(channel, endpoint, command, TerminalChannel.UNOBSERVED);
  }

  /**
   * Sends {@code command}, running {@code written} when the channel signals the request was written
   * ({@link TerminalChannel#send(TerminalEndpoint, TerminalCommand, Runnable)}); a synchronous
   * exception from the channel becomes an exceptionally completed stage.
   */
  public static CompletionStage<TerminalOutcome> send(
      TerminalChannel channel,
      TerminalEndpoint endpoint,
      TerminalCommand command,
      Runnable written) {
    try {
      CompletionStage<TerminalOutcome> stage = channel.send(endpoint, command, written);
      if (stage == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("channel returned null"));
      }
      return stage;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The outcome, or {@link TerminalOutcome.OutcomeUnknown} when {@code error} is set. */
  public static TerminalOutcome outcomeOf(TerminalOutcome outcome, Throwable error) {
    if (error != null || outcome == null) {
      String what = error == null ? "no outcome" : rootCause(error).getClass().getSimpleName();
      return new TerminalOutcome.OutcomeUnknown("the terminal channel failed (" + what + ")");
    }
    return outcome;
  }

  /**
   * Sends {@code command} and waits at most {@code maxWait} for the outcome (for short requests:
   * queries, cancel requests, prints). Never throws for channel trouble.
   */
  public static TerminalOutcome sendAndWait(
      TerminalChannel channel,
      TerminalEndpoint endpoint,
      TerminalCommand command,
      Duration maxWait) {
    CompletableFuture<TerminalOutcome> done = new CompletableFuture<>();
    send(channel, endpoint, command).whenComplete((o, e) -> done.complete(outcomeOf(o, e)));
    try {
      return done.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new TerminalOutcome.OutcomeUnknown("no answer within " + maxWait.toSeconds() + " s");
    } catch (ExecutionException e) {
      return outcomeOf(null, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TerminalOutcome.OutcomeUnknown("interrupted while waiting for the terminal");
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
            || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
