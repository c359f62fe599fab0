package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link TerminalChannel} whose answers the test scripts per command type. Every command is
 * recorded with its endpoint. A command with no script is <em>held</em>: its response stays pending
 * until the test completes it ({@link #release}), which lets a test decide the order of events
 * without sleeping. Script the short requests a use case waits for synchronously (queries, cancel
 * requests, prints): held, they keep the caller waiting until its own timeout.
 *
 * <pre>{@code
 * channel.reply(TerminalCommand.Query.class, new TerminalOutcome.NotFound("none", "6002"));
 * channel.hold(TerminalCommand.Pay.class);            // explicit; unscripted commands hold too
 * ... start a payment ...
 * channel.release(TerminalCommand.Pay.class, new TerminalOutcome.Cancelled("6001"));
 * assertThat(channel.count(TerminalCommand.Pay.class)).isEqualTo(1);
 * }</pre>
 */
public final class ScriptedTerminalChannel implements TerminalChannel {

  /** One command as sent, with its (possibly still pending) response. */
  public record Sent(
      int index,
      TerminalEndpoint endpoint,
      TerminalCommand command,
      CompletableFuture<TerminalOutcome> response,
      boolean insideTransaction) {

    public boolean isPending() {
      return !response.isDone();
    }

    /** Completes a held response; runs what the caller chained on it, on this thread. */
    public void complete(TerminalOutcome outcome) {
      if (!response.complete(outcome)) {
        throw new IllegalStateException("response of " + command + " was already completed");
      }
    }

    /** Completes a held response exceptionally (a channel that broke its contract). */
    public void fail(Throwable error) {
      if (!response.completeExceptionally(error)) {
        throw new IllegalStateException("response of " + command + " was already completed");
      }
    }
  }

  private sealed interface Script {}

  private record Reply(TerminalOutcome outcome) implements Script {}

  private record Fail(Throwable error) implements Script {}

  private record Hold() implements Script {}

  private final Map<Class<?>, Deque<Script>> once = new HashMap<>();
  private final Map<Class<?>, Script> always = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private DirectUnitOfWork watched;

  /** The next command of {@code type} is answered with {@code outcome} (queued, in order). */
  public synchronized ScriptedTerminalChannel reply(
      Class<? extends TerminalCommand> type, TerminalOutcome outcome) {
    once.computeIfAbsent(type, k -> new ArrayDeque<>()).addLast(new Reply(outcome));
    return this;
  }

  /** Every command of {@code type} without a queued script is answered with {@code outcome}. */
  public synchronized ScriptedTerminalChannel replyAlways(
      Class<? extends TerminalCommand> type, TerminalOutcome outcome) {
    always.put(type, new Reply(outcome));
    return this;
  }

  /** The next command of {@code type} is held until the test completes it. */
  public synchronized ScriptedTerminalChannel hold(Class<? extends TerminalCommand> type) {
    once.computeIfAbsent(type, k -> new ArrayDeque<>()).addLast(new Hold());
    return this;
  }

  /** The next command of {@code type} completes exceptionally with {@code error}. */
  public synchronized ScriptedTerminalChannel failWith(
      Class<? extends TerminalCommand> type, Throwable error) {
    once.computeIfAbsent(type, k -> new ArrayDeque<>()).addLast(new Fail(error));
    return this;
  }

  /** Records, for every command, whether it was sent inside a transaction of {@code uow}. */
  public synchronized ScriptedTerminalChannel watch(DirectUnitOfWork uow) {
    this.watched = uow;
    return this;
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    CompletableFuture<TerminalOutcome> response = new CompletableFuture<>();
    Script script;
    synchronized (this) {
      Deque<Script> queued = once.get(command.getClass());
      script = queued != null && !queued.isEmpty() ? queued.pollFirst() : null;
      if (script == null) {
        script = always.getOrDefault(command.getClass(), new Hold());
      }
      boolean inside = watched != null && watched.inside();
      sent.add(new Sent(sent.size(), endpoint, command, response, inside));
    }
    switch (script) {
      case Reply r -> response.complete(r.outcome());
      case Fail f -> response.completeExceptionally(f.error());
      case Hold h -> {}
    }
    return response;
  }

  /** Every command sent, in order. */
  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The commands of one type sent, in order. */
  public synchronized List<Sent> sent(Class<? extends TerminalCommand> type) {
    return sent.stream().filter(s -> type.isInstance(s.command())).toList();
  }

  /** The commands of one type, in order. */
  public synchronized <C extends TerminalCommand> List<C> commands(Class<C> type) {
    return sent.stream().map(Sent::command).filter(type::isInstance).map(type::cast).toList();
  }

  /** How many commands of one type were sent. */
  public synchronized int count(Class<? extends TerminalCommand> type) {
    return sent(type).size();
  }

  /** The last command of one type; fails when none was sent. */
  public synchronized Sent last(Class<? extends TerminalCommand> type) {
    List<Sent> of = sent(type);
    if (of.isEmpty()) {
      throw new AssertionError("no " + type.getSimpleName() + " was sent");
    }
    return of.get(of.size() - 1);
  }

  /**
   * Completes the oldest held response of {@code type} with {@code outcome} and returns it; fails
   * when none is pending. Dependents run on the calling thread before this returns.
   */
  public Sent release(Class<? extends TerminalCommand> type, TerminalOutcome outcome) {
    Sent held;
    synchronized (this) {
      held =
          sent.stream()
              .filter(s -> type.isInstance(s.command()) && s.isPending())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no held " + type.getSimpleName()));
    }
    held.complete(outcome);
    return held;
  }
}
