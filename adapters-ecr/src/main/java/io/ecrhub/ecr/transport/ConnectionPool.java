package io.ecrhub.ecr.transport;

import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Idle keep-alive connections per key (one key per terminal address), at most {@code maxIdle} each,
 * closed after {@code idleTimeout} unused or when the peer closes them. The channel decides which
 * requests may take a pooled connection (never a trade or refund); this class only keeps them.
 */
public final class ConnectionPool {
  private final Map<Object, Deque<Idle>> idle = new ConcurrentHashMap<>();
  private final int maxIdle;
  private final Duration idleTimeout;
  private volatile boolean closed;

  public ConnectionPool(int maxIdle, Duration idleTimeout) {
    this.maxIdle = maxIdle;
    this.idleTimeout = idleTimeout;
  }

  /** The most recently used open idle connection for {@code key}, removed from the pool. */
  public Optional<Connection> take(Object key) {
    Deque<Idle> q = idle.get(key);
    if (q == null) {
      return Optional.empty();
    }
    for (Idle i = q.pollFirst(); i != null; i = q.pollFirst()) {
      if (i.connection.isOpen()) {
        return Optional.of(i.connection);
      }
      i.connection.close();
    }
    return Optional.empty();
  }

  /** Keeps {@code c} for reuse, or closes it when it is closed, the pool is full or closed. */
  public void give(Object key, Connection c) {
    if (closed || maxIdle <= 0 || !c.isOpen()) {
      c.close();
      return;
    }
    Deque<Idle> q = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
    if (q.size() >= maxIdle) {
      c.close();
      return;
    }
    Idle entry = new Idle(c);
    q.addFirst(entry);
    c.onClose(() -> q.remove(entry));
    c.schedule(
        () -> {
          if (q.remove(entry)) {
            c.close();
          }
        },
        idleTimeout);
    if (closed && q.remove(entry)) {
      c.close();
    }
  }

  /** Number of idle connections kept for {@code key}. */
  public int idleCount(Object key) {
    Deque<Idle> q = idle.get(key);
    return q == null ? 0 : q.size();
  }

  /** Closes every idle connection; later {@link #give} calls close what they are given. */
  public void closeAll() {
    closed = true;
    idle.values()
        .forEach(
            q -> {
              for (Idle i = q.pollFirst(); i != null; i = q.pollFirst()) {
                i.connection.close();
              }
            });
  }

  /** Identity-compared pool entry, so an expiry only removes the entry it was scheduled for. */
  private static final class Idle {
    private final Connection connection;

    Idle(Connection connection) {
      this.connection = connection;
    }
  }
}
