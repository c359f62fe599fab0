package io.ecrhub.app.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ApiKeyRevoked;
import io.ecrhub.app.security.Caller;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Live Server-Sent Event streams of payments and terminals, fed from the {@link
 * TransactionEventLog}: the log (not memory) is the source, so a stream resumes from any {@code
 * Last-Event-ID}, across restarts, and sees events written by other hub instances (polled every
 * second; events of this instance are pushed once their transaction has committed).
 *
 * <p>Events this instance commits are handed over after the commit ({@link #committed}) and sent
 * from memory, without reading the log again: the delivery pass after a payment's commit costs no
 * database round trip. The log is read when a stream opens (history after its {@code
 * Last-Event-ID}) and by the once-a-second pass, which picks up other instances' events.
 *
 * <p>Events are stored in the transaction of their state change, so ids are allocated in insert
 * order but may become visible in a different (commit) order: id 10 can commit after id 11. The
 * once-a-second pass therefore re-reads from below the events a stream received within the last
 * {@link #GRACE} (skipping what it already sent), so a late-committing event of another instance is
 * still delivered, and only then moves the stream's floor past them.
 *
 * <p>Each stream belongs to the API key that opened it: at most {@code
 * ecrhub.security.max-streams-per-key} streams per key (one more is refused with 429 {@code
 * TOO_MANY_STREAMS}), and a stream ends when its key is revoked (at once on this instance) or, at
 * the next re-check ({@code ecrhub.security.stream-recheck}), when the key is revoked elsewhere or
 * its scope no longer covers the stream's terminal.
 */
@ApplicationScoped
public class EventStreams {
  private static final Logger LOG = Logger.getLogger(EventStreams.class);
  private static final int BATCH = 200;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

  /** How long after an event was delivered a stream still looks for earlier-id events below it. */
  static final Duration GRACE = Duration.ofSeconds(10);

  private final TransactionEventLog log;
  private final ObjectMapper json;
  private final StreamGuard guard;
  private final int maxPerKey;
  private final long recheckNanos;

  /** Open streams per API key id. */
  private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();

  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  /** Events committed by this instance, waiting for the worker to send them. */
  private final ConcurrentLinkedQueue<StoredEvent> committed = new ConcurrentLinkedQueue<>();

  private ScheduledExecutorService worker;

  @Inject
  public EventStreams(
      TransactionEventLog log, ObjectMapper json, StreamGuard guard, HubConfig config) {
    this.log = log;
    this.json = json;
    this.guard = guard;
    this.maxPerKey = config.security().maxStreamsPerKey();
    this.recheckNanos = config.security().streamRecheck().toNanos();
  }

  @PostConstruct
  void start() {
    worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ecrhub-sse");
              t.setDaemon(true);
              return t;
            });
    worker.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
    subscriptions.forEach(s -> s.sink.close());
  }

  /**
   * Streams a payment's events (its refunds included) after {@code lastEventId} (0: all) to {@code
   * holder}, while its key may read the payment's {@code terminal}.
   *
   * @throws DomainException {@code TOO_MANY_STREAMS} when the key has its maximum open already
   */
  public void streamPayment(
      PaymentId id,
      TerminalId terminal,
      Caller holder,
      long lastEventId,
      SseEventSink sink,
      Sse sse) {
    add(new Subscription(id, null, terminal, holder.keyId(), lastEventId, sink, sse));
  }

  /**
   * Streams a terminal's events after {@code lastEventId} to {@code holder}; without one, only
   * events from now on.
   *
   * @throws DomainException {@code TOO_MANY_STREAMS} when the key has its maximum open already
   */
  public void streamTerminal(
      TerminalId id, Caller holder, Long lastEventId, SseEventSink sink, Sse sse) {
    long from = lastEventId != null ? lastEventId : log.latestId();
    add(new Subscription(null, id, id, holder.keyId(), from, sink, sse));
  }

  /**
   * Streams the events of every terminal {@code holder}'s scope covers (the whole fleet for an
   * unscoped key) after {@code lastEventId}; without one, only events from now on. A terminal
   * registered in one of the key's stores later is covered from the next access re-check on.
   *
   * @throws DomainException {@code TOO_MANY_STREAMS} when the key has its maximum open already
   */
  public void streamFleet(Caller holder, Long lastEventId, SseEventSink sink, Sse sse) {
    long from = lastEventId != null ? lastEventId : log.latestId();
    Subscription s = new Subscription(null, null, null, holder.keyId(), from, sink, sse);
    s.holder = holder;
    add(s);
  }

  /** A key was revoked here: its streams end now. */
  void revoked(@Observes ApiKeyRevoked event) {
    try {
      worker.execute(
          () -> {
            for (Subscription s : subscriptions) {
              if (s.keyId.equals(event.keyId())) {
                end(s, "API key revoked");
              }
            }
          });
    } catch (RejectedExecutionException e) {
      // shutting down: every stream closes anyway
    }
  }

  /**
   * Events of this instance were committed: send them to the streams they belong to, from memory.
   * Calls that arrive while a pass is still queued share it (a payment commits two events at once);
   * the pass clears the flag before it drains the queue, so it sees every event handed over before.
   * Never blocks.
   */
  public void committed(StoredEvent event) {
    if (subscriptions.isEmpty()) {
      return;
    }
    committed.add(event);
    if (wakeQueued.compareAndSet(false, true)) {
      try {
        worker.execute(
            () -> {
              wakeQueued.set(false);
              deliverCommitted();
            });
      } catch (RejectedExecutionException e) {
        wakeQueued.set(false); // shutting down
        committed.clear();
      }
    }
  }

  private void add(Subscription s) {
    reserve(s);
    // The first write sends the response head. Done here, on the request's (blocking) thread, so
    // it cannot race with RESTEasy's own head write after the resource method returns, which it
    // would if the stream worker wrote first ("Response head already sent").
    try {
      s.sink
          .send(s.sse.newEventBuilder().comment("stream open").build())
          .toCompletableFuture()
          .get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      s.lastWrite = System.nanoTime();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(s);
      return;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debugf("event stream not opened: %s", e.toString());
      close(s);
      return;
    }
    subscriptions.add(s);
    worker.execute(() -> deliver(s, log.latestId()));
  }

  /** Every second: events of other instances, keep-alive comments, and access re-checks. */
  private void poll() {
    deliverAll();
    subscriptions.forEach(this::keepAlive);
    recheck();
  }

  /** Refuses a stream beyond the key's maximum (429), before anything is written. */
  private void reserve(Subscription s) {
    boolean[] granted = {false};
    perKey.compute(
        s.keyId,
        (k, open) -> {
          int n = open == null ? 0 : open;
          if (n >= maxPerKey) {
            return open;
          }
          granted[0] = true;
          return n + 1;
        });
    if (!granted[0]) {
      throw new DomainException(
          "TOO_MANY_STREAMS",
          "this API key has "
              + maxPerKey
              + " event streams open already (ecrhub.security.max-streams-per-key); close one"
              + " first");
    }
  }

  /** Forgets a stream (once) and gives its place back to its key. */
  private void drop(Subscription s) {
    subscriptions.remove(s);
    if (s.released.compareAndSet(false, true)) {
      perKey.computeIfPresent(s.keyId, (k, open) -> open <= 1 ? null : open - 1);
    }
  }

  /**
   * Ends every stream whose key was revoked or whose scope no longer covers its terminal, each
   * stream at most every {@code ecrhub.security.stream-recheck}; streams closed by their client are
   * forgotten. The key is read once per pass.
   */
  private void recheck() {
    long now = System.nanoTime();
    Map<String, Optional<Caller>> keys = new HashMap<>();
    for (Subscription s : subscriptions) {
      if (s.sink.isClosed()) {
        drop(s);
        continue;
      }
      if (now - s.checkedAt < recheckNanos) {
        continue;
      }
      s.checkedAt = now;
      try {
        Optional<Caller> holder = keys.computeIfAbsent(s.keyId, guard::current);
        if (holder.isEmpty()) {
          end(s, "API key revoked");
        } else if (s.scopeTerminal == null) {
          // a fleet stream: its scope as stored now, the terminals it covers looked up again
          s.holder = holder.get();
          s.covered.clear();
        } else if (!guard.covers(holder.get(), s.scopeTerminal)) {
          end(s, "the API key's scope no longer covers terminal " + s.scopeTerminal);
        }
      } catch (RuntimeException e) {
        // cannot tell whether the key may still read: end the stream, the client reconnects
        LOG.warnf("event stream access check failed: %s", e.toString());
        end(s, "access could not be checked");
      }
    }
  }

  /** Ends a stream with a last comment saying why. */
  private void end(Subscription s, String why) {
    try {
      s.sink.send(s.sse.newEventBuilder().comment("stream ended: " + why).build());
    } catch (RuntimeException ignored) {
      // closed already
    }
    close(s);
  }

  /**
   * Delivers to every stream that is behind the log (events of other instances) or still within the
   * grace period of recent events (one of them may have committed late).
   */
  private void deliverAll() {
    try {
      if (subscriptions.isEmpty()) {
        return;
      }
      long max = log.latestId();
      for (Subscription s : subscriptions) {
        if (s.checkedUpTo < max || !s.recent.isEmpty()) {
          deliver(s, max);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("event stream delivery failed: %s", e.toString());
    }
  }

  /** Sends this instance's newly committed events to the streams they belong to, oldest first. */
  private void deliverCommitted() {
    List<StoredEvent> batch = new ArrayList<>();
    for (StoredEvent e; (e = committed.poll()) != null; ) {
      batch.add(e);
    }
    batch.sort(Comparator.comparingLong(StoredEvent::id));
    long now = System.nanoTime();
    for (Subscription s : subscriptions) {
      if (s.sink.isClosed()) {
        drop(s);
        continue;
      }
      try {
        for (StoredEvent e : batch) {
          if (e.id() > s.floor && !s.recent.containsKey(e.id()) && wants(s, e)) {
            send(s, e);
            s.delivered(e, now);
          }
        }
      } catch (RuntimeException ex) {
        LOG.debugf("event stream closed: %s", ex.toString());
        close(s);
      }
    }
  }

  /** Sends the subscription's events after its last one; {@code max} was the log's newest id. */
  private void deliver(Subscription s, long max) {
    if (s.sink.isClosed()) {
      drop(s);
      return;
    }
    try {
      long now = System.nanoTime();
      s.settle(now);
      long from = s.floor;
      List<StoredEvent> events;
      do {
        events =
            s.payment != null
                ? log.forPayment(s.payment, from, BATCH)
                : s.terminal != null
                    ? log.forTerminal(s.terminal, from, BATCH)
                    : log.after(from, BATCH);
        for (StoredEvent e : events) {
          from = e.id();
          if (!s.recent.containsKey(e.id())) {
            if (wants(s, e)) {
              send(s, e);
            }
            // not for this stream (a fleet stream's terminal out of scope): seen all the same
            s.delivered(e, now);
          }
        }
      } while (events.size() == BATCH && !s.sink.isClosed());
      s.checkedUpTo = max;
    } catch (RuntimeException e) {
      LOG.debugf("event stream closed: %s", e.toString());
      close(s);
    }
  }

  /**
   * Whether the event belongs to the stream: its payment, its terminal, or (a fleet stream) a
   * terminal its key's scope covers, looked up once per terminal until the next access re-check.
   */
  private boolean wants(Subscription s, StoredEvent e) {
    if (s.payment != null || s.terminal != null) {
      return s.wants(e);
    }
    Caller holder = s.holder;
    if (holder.scope().unrestricted()) {
      return true;
    }
    TerminalId t = e.event().terminalId();
    return s.covered.computeIfAbsent(t.value(), k -> guard.covers(holder, t));
  }

  private void keepAlive(Subscription s) {
    long now = System.nanoTime();
    if (now - s.lastWrite > KEEP_ALIVE.toNanos() && !s.sink.isClosed()) {
      try {
        s.sink.send(s.sse.newEventBuilder().comment("keep-alive").build());
        s.lastWrite = now;
      } catch (RuntimeException e) {
        close(s);
      }
    }
  }

  private void send(Subscription s, StoredEvent e) {
    OutboundSseEvent out =
        s.sse
            .newEventBuilder()
            .id(Long.toString(e.id()))
            .name(e.event().type())
            .data(String.class, toJson(e))
            .build();
    s.sink.send(out);
    s.lastWrite = System.nanoTime();
  }

  private String toJson(StoredEvent stored) {
    TransactionEvent e = stored.event();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", stored.id());
    body.put("type", e.type());
    body.put("paymentId", e.paymentId());
    if (!e.aggregateId().equals(e.paymentId())) {
      body.put("refundId", e.aggregateId());
    }
    body.put("terminalId", e.terminalId().value());
    body.put("from", e.from() == null ? null : e.from().name());
    body.put("to", e.to().name());
    body.put("reason", e.reason());
    body.put("occurredAt", e.occurredAt().toString());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("event not serialisable", ex);
    }
  }

  private void close(Subscription s) {
    drop(s);
    try {
      s.sink.close();
    } catch (RuntimeException ignored) {
      // already closed by the client
    }
  }

  /** Number of open streams (for metrics). */
  public int openStreams() {
    return subscriptions.size();
  }

  private static final class Subscription {
    final PaymentId payment;
    final TerminalId terminal;

    /** The terminal whose scope decides who may read the stream. */
    final TerminalId scopeTerminal;

    /** The API key that opened the stream. */
    final String keyId;

    /** A fleet stream's key as last checked (its scope decides the terminals). */
    volatile Caller holder;

    /** A fleet stream's terminals, by id: covered by its key's scope or not. Worker thread only. */
    final Map<String, Boolean> covered = new HashMap<>();

    final SseEventSink sink;
    final Sse sse;
    final AtomicBoolean released = new AtomicBoolean();

    /** When the key and scope were last checked (System.nanoTime). Worker thread only. */
    long checkedAt = System.nanoTime();

    /** Events up to here are settled: the stream reads after it. Worker thread only. */
    long floor;

    /** Ids delivered above the floor within the grace period, with when. Worker thread only. */
    final TreeMap<Long, Long> recent = new TreeMap<>();

    volatile long lastWrite = System.nanoTime();
    volatile long checkedUpTo;

    Subscription(
        PaymentId payment,
        TerminalId terminal,
        TerminalId scopeTerminal,
        String keyId,
        long floor,
        SseEventSink sink,
        Sse sse) {
      this.payment = payment;
      this.terminal = terminal;
      this.scopeTerminal = scopeTerminal;
      this.keyId = keyId;
      this.floor = floor;
      this.sink = sink;
      this.sse = sse;
    }

    /** Whether the event belongs to this stream (its payment, or its terminal). */
    boolean wants(StoredEvent e) {
      TransactionEvent t = e.event();
      return payment != null
          ? payment.value().equals(t.paymentId())
          : terminal.equals(t.terminalId());
    }

    /** Moves the floor past the oldest recent events once their grace period is over. */
    void settle(long now) {
      while (!recent.isEmpty() && now - recent.firstEntry().getValue() > GRACE.toNanos()) {
        floor = Math.max(floor, recent.pollFirstEntry().getKey());
      }
    }

    /**
     * Remembers a sent event: an old one (history, e.g. a replay) with nothing recent below it
     * settles the floor at once; a fresh one stays recent for the grace period.
     */
    void delivered(StoredEvent e, long now) {
      boolean old = e.event().occurredAt().isBefore(Instant.now().minus(GRACE));
      if (old && recent.isEmpty()) {
        floor = Math.max(floor, e.id());
      } else {
        recent.put(e.id(), now);
      }
    }
  }
}
