package io.ecrhub.ecr.channel;

import io.ecrhub.domain.certificate.TrustAnchors;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.tls.TerminalTls;
import io.ecrhub.ecr.transport.ConnectionPool;
import io.ecrhub.ecr.transport.Connector;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adapter: the {@link TerminalChannel} over Netty: HTTPS (default), HTTP, raw TCP (framing
 * unverified on hardware, see {@link TcpRoute}) and USB serial (through an optional {@link
 * SerialExchange}). Runs on its own event loop group (ADR 0001), closed by {@link #close()}.
 *
 * <p>Guarantees: never throws for I/O (every failure is an outcome); NotSent only when the request
 * provably never left; one request per terminal at a time in this JVM except cancel (5001); trades
 * and refunds on fresh connections; pin and trust checked before any request byte; blocking port
 * calls and the delivery of outcomes happen on the injected executor, never on the event loop. Logs
 * one line per request (terminal, func_type, outcome, latency), never payloads or keys.
 */
public final class NettyTerminalChannel implements TerminalChannel, TlsProbe, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NettyTerminalChannel.class.getName());

  private final EventLoopGroup group;
  private final Connector connector;
  private final ConnectionPool pool;
  private final SingleFlight flight = new SingleFlight();
  private final HttpRoute http;
  private final TcpRoute tcp;
  private final SerialRoute serial;
  private final TlsProbing probing;
  private final Executor executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param blockingExecutor runs certificate-pin port calls, host name lookups and the completion
   *     of returned stages (so callers' continuations never run on the event loop)
   * @param serialExchange the USB serial link, or null when the hub has none
   */
  public NettyTerminalChannel(
      ChannelSettings settings,
      TrustAnchors anchors,
      CertificatePins pins,
      Executor blockingExecutor,
      Clock clock,
      SerialExchange serialExchange) {
    Objects.requireNonNull(settings);
    this.executor = Objects.requireNonNull(blockingExecutor);
    TerminalTls tls = new TerminalTls(Objects.requireNonNull(anchors));
    this.group =
        new NioEventLoopGroup(
            settings.eventLoopThreads(), new DefaultThreadFactory("ecr-terminal", true));
    this.connector = new Connector(group, tls, blockingExecutor, settings.maxResponseBytes());
    this.pool = new ConnectionPool(settings.maxIdlePerTerminal(), settings.keepAliveIdle());
    PinGuard guard = new PinGuard(Objects.requireNonNull(pins), blockingExecutor, clock);
    this.http = new HttpRoute(connector, pool, guard);
    this.tcp = new TcpRoute(connector);
    this.serial = new SerialRoute(serialExchange, settings.serialAckTimeout());
    this.probing = new TlsProbing(connector);
  }

  /** Without a serial link. */
  public NettyTerminalChannel(
      ChannelSettings settings,
      TrustAnchors anchors,
      CertificatePins pins,
      Executor blockingExecutor,
      Clock clock) {
    this(settings, anchors, pins, blockingExecutor, clock, null);
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    return send(endpoint, command, UNOBSERVED);
  }

  /**
   * {@code written} runs on the event loop once the request was written to the connection that
   * carries it (HTTP, HTTPS, TCP); never for the USB serial link, nor for a request that was not.
   */
  @Override
  public CompletionStage<TerminalOutcome> send(
      TerminalEndpoint endpoint, TerminalCommand command, Runnable written) {
    Objects.requireNonNull(endpoint);
    Objects.requireNonNull(command);
    Objects.requireNonNull(written);
    long started = System.nanoTime();
    EcrFunction fn = EcrFunction.of(command);
    if (closed.get()) {
      return done(endpoint, fn, started, closedOutcome());
    }
    String unusable = unusable(endpoint);
    if (unusable != null) {
      return done(endpoint, fn, started, new NotSent(NotSentCause.CONFIGURATION, unusable));
    }
    var busy = flight.enter(endpoint.terminalId(), command);
    if (busy.isPresent()) {
      return done(endpoint, fn, started, busy.get());
    }
    CompletableFuture<TerminalOutcome> work;
    try {
      work = route(endpoint, command, fn, written);
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<TerminalOutcome> out = new CompletableFuture<>();
    work.whenComplete(
        (outcome, error) -> {
          flight.exit(endpoint.terminalId(), command);
          if (error == null) {
            log(endpoint, fn, started, outcome);
          } else {
            LOG.log(
                Level.ERROR,
                "terminal {0} func_type {1}: programming error {2}",
                endpoint.terminalId(),
                fn.code(),
                error.getClass().getName());
          }
          deliver(out, outcome, error);
        });
    return out;
  }

  @Override
  public CompletionStage<TlsProbe.Result> probeTls(TerminalEndpoint endpoint) {
    if (closed.get()) {
      return CompletableFuture.completedFuture(
          new TlsProbe.Result(
              TlsProbe.Verdict.UNREACHABLE, null, null, null, null, "the channel is closed"));
    }
    CompletableFuture<TlsProbe.Result> out = new CompletableFuture<>();
    probing.probe(endpoint).whenComplete((r, e) -> deliver(out, r, e));
    return out;
  }

  /**
   * Closes pooled and in-flight connections (in-flight requests complete as outcomes) and the loop.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pool.closeAll();
    connector.closeAll();
    var shutdown = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    boolean onOwnLoop = false;
    for (EventExecutor loop : group) {
      onOwnLoop |= loop.inEventLoop();
    }
    if (!onOwnLoop) {
      shutdown.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** Why the endpoint cannot be used, or null. */
  private static String unusable(TerminalEndpoint e) {
    if (e.connectTimeout().isNegative() || e.connectTimeout().isZero()) {
      return "connect timeout must be positive";
    }
    if (e.readTimeout().isNegative() || e.readTimeout().isZero()) {
      return "read timeout must be positive";
    }
    if (e.transport() != Transport.SERIAL && (e.port() < 1 || e.port() > 65535)) {
      return "port must be 1-65535 for " + e.transport();
    }
    return null;
  }

  private CompletableFuture<TerminalOutcome> route(
      TerminalEndpoint e, TerminalCommand command, EcrFunction fn, Runnable written) {
    String body;
    try {
      body =
          EcrCodec.encodeRequest(EcrFunction.content(command), e.posKey().reveal(), e.encryption());
    } catch (EcrCodecException ex) {
      return CompletableFuture.completedFuture(
          new NotSent(
              NotSentCause.CONFIGURATION,
              "request cannot be encoded (" + ex.kind() + ": " + ex.getMessage() + ")"));
    }
    return switch (e.transport()) {
      case HTTPS, HTTP -> http.send(e, fn, body.getBytes(StandardCharsets.UTF_8), written);
      case TCP -> tcp.send(e, fn, body, written);
      case SERIAL -> serial.send(e, fn, body);
      // QFPay's cloud, not the LAN: the hub's TransportRouter never routes one here
      case CLOUD ->
          CompletableFuture.completedFuture(
              new NotSent(
                  NotSentCause.CONFIGURATION,
                  "a CLOUD terminal is reached through QFPay's cloud, not the LAN channel"));
    };
  }

  private CompletionStage<TerminalOutcome> done(
      TerminalEndpoint e, EcrFunction fn, long started, TerminalOutcome outcome) {
    log(e, fn, started, outcome);
    return CompletableFuture.completedFuture(outcome);
  }

  private <T> void deliver(CompletableFuture<T> out, T value, Throwable error) {
    Runnable complete =
        () -> {
          if (error == null) {
            out.complete(value);
          } else {
            out.completeExceptionally(error);
          }
        };
    try {
      executor.execute(complete);
    } catch (RejectedExecutionException e) {
      complete.run();
    }
  }

  private static void log(
      TerminalEndpoint e, EcrFunction fn, long started, TerminalOutcome outcome) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Level level =
        outcome instanceof TerminalOutcome.OutcomeUnknown || outcome instanceof NotSent
            ? Level.WARNING
            : Level.INFO;
    LOG.log(
        level,
        "terminal {0} func_type {1} via {2}: {3} in {4} ms",
        e.terminalId(),
        String.valueOf(fn.code()),
        e.transport(),
        Outcomes.describe(outcome),
        String.valueOf(ms));
  }

  private static NotSent closedOutcome() {
    return new NotSent(NotSentCause.CHANNEL_CLOSED, "the terminal channel is closed");
  }
}
