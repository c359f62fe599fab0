package io.ecrhub.app.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Live Server-Sent Event streams of payments and terminals, fed from the {@link
 * TransactionEventLog}: the log (not memory) is the source, so a stream resumes from any {@code
 * Last-Event-ID}, across restarts, and sees events written by other hub instances (polled every
 * second; events of this instance are pushed at once).
 */
@ApplicationScoped
public class EventStreams {
  private static final Logger LOG = Logger.getLogger(EventStreams.class);
  private static final int BATCH = 200;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final TransactionEventLog log;
  private final ObjectMapper json;
  private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService worker;

  @Inject
  public EventStreams(TransactionEventLog log, ObjectMapper json) {
    this.log = log;
    this.json = json;
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

  /** Streams a payment's events (its refunds included) after {@code lastEventId} (0: all). */
  public void streamPayment(PaymentId id, long lastEventId, SseEventSink sink, Sse sse) {
    add(new Subscription(id, null, lastEventId, sink, sse));
  }

  /**
   * Streams a terminal's events after {@code lastEventId}; without one, only events from now on.
   */
  public void streamTerminal(TerminalId id, Long lastEventId, SseEventSink sink, Sse sse) {
    long from = lastEventId != null ? lastEventId : log.latestId();
    add(new Subscription(null, id, from, sink, sse));
  }

  /** New events were appended by this instance: deliver them now. */
  public void wake() {
    if (!subscriptions.isEmpty()) {
      worker.execute(this::deliverAll);
    }
  }

  private void add(Subscription s) {
    subscriptions.add(s);
    worker.execute(() -> deliver(s, log.latestId()));
  }

  /** Every second: events of other instances, and keep-alive comments. */
  private void poll() {
    deliverAll();
    subscriptions.forEach(this::keepAlive);
  }

  private void deliverAll() {
    try {
      if (subscriptions.isEmpty()) {
        return;
      }
      long max = log.latestId();
      for (Subscription s : subscriptions) {
        if (s.checkedUpTo < max) {
          deliver(s, max);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("event stream delivery failed: %s", e.toString());
    }
  }

  /** Sends the subscription's events after its last one; {@code max} was the log's newest id. */
  private void deliver(Subscription s, long max) {
    if (s.sink.isClosed()) {
      subscriptions.remove(s);
      return;
    }
    try {
      List<StoredEvent> events;
      do {
        events =
            s.payment != null
                ? log.forPayment(s.payment, s.last, BATCH)
                : log.forTerminal(s.terminal, s.last, BATCH);
        for (StoredEvent e : events) {
          send(s, e);
          s.last = e.id();
        }
      } while (events.size() == BATCH && !s.sink.isClosed());
      s.checkedUpTo = max;
    } catch (RuntimeException e) {
      LOG.debugf("event stream closed: %s", e.toString());
      close(s);
    }
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
    subscriptions.remove(s);
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
    final SseEventSink sink;
    final Sse sse;
    volatile long last;
    volatile long lastWrite = System.nanoTime();
    volatile long checkedUpTo;

    Subscription(PaymentId payment, TerminalId terminal, long last, SseEventSink sink, Sse sse) {
      this.payment = payment;
      this.terminal = terminal;
      this.last = last;
      this.sink = sink;
      this.sse = sse;
    }
  }
}
