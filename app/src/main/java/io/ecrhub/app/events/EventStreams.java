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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Live Server-Sent Event streams of payments and terminals, fed from the {@link
 * TransactionEventLog}: the log (not memory) is the source, so a stream resumes from any {@code
 * Last-Event-ID}, across restarts and instances.
 *
 * <p>The log's ids follow the commit order (ADR 0025): once id N is visible, every lower id that
 * will ever be is too. One worker keeps a single high-water mark for all streams (every event up to
 * it has been handed to the streams it belongs to) and sends events strictly in id order, so a
 * client that has id N has every earlier event of its stream, and resuming after N never misses
 * one, however late it committed.
 *
 * <p>Events this instance commits are handed over after the commit ({@link #committed}) and sent
 * from memory when they are the next ids after the mark: the delivery after a payment's commit
 * costs no database round trip. A gap before them (another instance's events, or this instance's
 * that are still on their way) is filled by reading the log after the mark, once. Other instances'
 * commits are signalled by {@link EventLogSignals} (PostgreSQL {@code LISTEN/NOTIFY}): the worker
 * then reads the log after the mark. A slow fallback poll ({@code ecrhub.events.fallback-poll})
 * catches a missed signal; without signals (H2, or while the listener reconnects) the log is polled
 * every second.
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

  /** How often the log is polled while no signals arrive (H2, or the listener reconnecting). */
  private static final Duration UNSIGNALLED_POLL = Duration.ofSeconds(1);

  private final TransactionEventLog log;
  private final EventLogSignals signals;
  private final ObjectMapper json;
  private final StreamGuard guard;
  private final int maxPerKey;
  private final long recheckNanos;
  private final long fallbackPollNanos;

  /** Open streams per API key id. */
  private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();

  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final AtomicBoolean readQueued = new AtomicBoolean();

  /** Streams being opened: events committed meanwhile must be queued, not dropped. */
  private final AtomicInteger opening = new AtomicInteger();

  /**
   * Every event up to this id has been handed to its streams; -1 until known. Worker thread only.
   */
  private long mark = -1;

  /** When the log was last read after the mark (System.nanoTime). Worker thread only. */
  private long lastRead = System.nanoTime();

  /** The last read of the log failed: read again at the next tick. Worker thread only. */
  private boolean behind;

  /** Events committed by this instance, waiting for the worker to send them. */
  private final ConcurrentLinkedQueue<StoredEvent> committed = new ConcurrentLinkedQueue<>();

  private ScheduledExecutorService worker;

  @Inject
  public EventStreams(
      TransactionEventLog log,
      EventLogSignals signals,
      ObjectMapper json,
      StreamGuard guard,
      HubConfig config) {
    this.log = log;
    this.signals = signals;
    this.json = json;
    this.guard = guard;
    this.maxPerKey = config.security().maxStreamsPerKey();
    this.recheckNanos = config.security().streamRecheck().toNanos();
    this.fallbackPollNanos = config.events().fallbackPoll().toNanos();
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
    worker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    signals.stop();
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
    if (subscriptions.isEmpty() && opening.get() == 0) {
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

  /**
   * Another instance committed events (signalled): read the log after the mark. Signals that arrive
   * while a read is still queued share it. Never blocks.
   */
  private void otherCommitted() {
    if (subscriptions.isEmpty() && opening.get() == 0) {
      return;
    }
    if (readQueued.compareAndSet(false, true)) {
      try {
        worker.execute(
            () -> {
              readQueued.set(false);
              readLog();
            });
      } catch (RejectedExecutionException e) {
        readQueued.set(false); // shutting down
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
    signals.start(this::otherCommitted);
    opening.incrementAndGet();
    try {
      worker.execute(() -> open(s));
    } catch (RejectedExecutionException e) {
      opening.decrementAndGet();
      close(s); // shutting down
    }
  }

  /**
   * On the worker: the stream's history after its start, then it joins the live streams. With no
   * stream open before, the mark is re-read (events were not followed meanwhile); events that
   * commit from here on are above it.
   */
  private void open(Subscription s) {
    try {
      if (mark < 0 || subscriptions.isEmpty()) {
        mark = log.latestId();
        lastRead = System.nanoTime();
      }
      history(s);
      if (!s.sink.isClosed()) {
        subscriptions.add(s);
      } else {
        drop(s);
      }
    } catch (RuntimeException e) {
      LOG.debugf("event stream closed: %s", e.toString());
      close(s);
    } finally {
      opening.decrementAndGet();
    }
  }

  /** Every second: keep-alive comments, access re-checks, and the log when a read is due. */
  private void tick() {
    try {
      long now = System.nanoTime();
      if (!subscriptions.isEmpty()
          && (behind
              || now - lastRead
                  >= (signals.live() ? fallbackPollNanos : UNSIGNALLED_POLL.toNanos())
                      - TimeUnit.MILLISECONDS.toNanos(50))) {
        readLog();
      }
      subscriptions.forEach(this::keepAlive);
      recheck();
    } catch (RuntimeException e) {
      LOG.warnf("event stream pass failed: %s", e.toString());
    }
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
   * Reads the log after the mark and hands each event to its streams, in id order. A failure leaves
   * the mark where it got to: the next tick reads again.
   */
  private void readLog() {
    lastRead = System.nanoTime();
    if (mark < 0 || subscriptions.isEmpty()) {
      return; // no stream follows the log: opening one reads the mark afresh
    }
    try {
      List<StoredEvent> events;
      do {
        events = log.after(mark, BATCH);
        for (StoredEvent e : events) {
          dispatch(e);
          mark = e.id();
        }
      } while (events.size() == BATCH);
      behind = false;
    } catch (RuntimeException e) {
      behind = true;
      LOG.warnf("event stream delivery failed: %s", e.toString());
    }
  }

  /**
   * Sends this instance's newly committed events to the streams they belong to, oldest first: from
   * memory while they follow the mark without a gap, else the log after the mark (the gap's events
   * have committed already, the ids being in commit order) is read once, which brings them too.
   */
  private void deliverCommitted() {
    List<StoredEvent> batch = new ArrayList<>();
    for (StoredEvent e; (e = committed.poll()) != null; ) {
      batch.add(e);
    }
    batch.sort(Comparator.comparingLong(StoredEvent::id));
    for (StoredEvent e : batch) {
      if (mark < 0 || subscriptions.isEmpty() || e.id() <= mark) {
        continue; // sent already, or nobody follows the log now
      }
      if (e.id() != mark + 1) {
        readLog();
        if (e.id() > mark) {
          return; // the read failed: the next tick reads again
        }
        continue;
      }
      dispatch(e);
      mark = e.id();
    }
  }

  /** Sends one event to every open stream it belongs to that has not had it yet. */
  private void dispatch(StoredEvent e) {
    for (Subscription s : subscriptions) {
      if (s.sink.isClosed()) {
        drop(s);
        continue;
      }
      if (e.id() > s.sent && wants(s, e)) {
        try {
          send(s, e);
          s.sent = e.id();
        } catch (RuntimeException ex) {
          LOG.debugf("event stream closed: %s", ex.toString());
          close(s);
        }
      }
    }
  }

  /** Sends a new stream's events after its start, up to the newest in the log. */
  private void history(Subscription s) {
    List<StoredEvent> events;
    do {
      events =
          s.payment != null
              ? log.forPayment(s.payment, s.sent, BATCH)
              : s.terminal != null
                  ? log.forTerminal(s.terminal, s.sent, BATCH)
                  : log.after(s.sent, BATCH);
      for (StoredEvent e : events) {
        if (wants(s, e)) {
          send(s, e);
        }
        // not for this stream (a fleet stream's terminal out of scope): passed all the same
        s.sent = e.id();
      }
    } while (events.size() == BATCH && !s.sink.isClosed());
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

    /**
     * The id of the last event sent (or the {@code Last-Event-ID} it started after): the stream has
     * every earlier event of its own. Worker thread only.
     */
    long sent;

    volatile long lastWrite = System.nanoTime();

    Subscription(
        PaymentId payment,
        TerminalId terminal,
        TerminalId scopeTerminal,
        String keyId,
        long sent,
        SseEventSink sink,
        Sse sse) {
      this.payment = payment;
      this.terminal = terminal;
      this.scopeTerminal = scopeTerminal;
      this.keyId = keyId;
      this.sent = sent;
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
  }
}
