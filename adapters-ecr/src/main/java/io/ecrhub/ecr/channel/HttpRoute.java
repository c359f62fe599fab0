package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.ResponseClassifier;
import io.ecrhub.ecr.tls.LeafCertificates;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ConnectTarget;
import io.ecrhub.ecr.transport.Connection;
import io.ecrhub.ecr.transport.ConnectionPool;
import io.ecrhub.ecr.transport.Connector;
import io.ecrhub.ecr.transport.ExchangeResult;
import io.ecrhub.ecr.transport.Wire;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP and HTTPS: {@code POST <path>} with the encoded body. Trades and refunds always open a fresh
 * connection (a stale pooled one could turn a payment into UNKNOWN); print, query and cancel may
 * take an idle keep-alive connection and retry once on a fresh one if that connection proves stale
 * (closed, or failed before a single byte came back). A TLS connection is pinned before use.
 */
final class HttpRoute {
  private final Connector connector;
  private final ConnectionPool pool;
  private final PinGuard pins;

  HttpRoute(Connector connector, ConnectionPool pool, PinGuard pins) {
    this.connector = connector;
    this.pool = pool;
    this.pins = pins;
  }

  /** Sends {@code body}; {@code written} runs once it was written to the connection used. */
  CompletableFuture<TerminalOutcome> send(
      TerminalEndpoint e, EcrFunction fn, byte[] body, Runnable written) {
    PoolKey key = PoolKey.of(e);
    if (!ResponseClassifier.isBusiness(fn)) {
      var idle = pool.take(key);
      if (idle.isPresent()) {
        return exchange(e, fn, body, written, key, idle.get(), true);
      }
    }
    return fresh(e, fn, body, written, key);
  }

  private CompletableFuture<TerminalOutcome> fresh(
      TerminalEndpoint e, EcrFunction fn, byte[] body, Runnable written, PoolKey key) {
    Wire wire = e.transport() == Transport.HTTPS ? Wire.HTTPS : Wire.HTTP;
    ConnectTarget target = new ConnectTarget(e.host(), e.port(), wire, e.connectTimeout());
    return connector
        .connect(target)
        .thenCompose(
            r ->
                switch (r) {
                  case ConnectResult.Refused f ->
                      CompletableFuture.completedFuture(Outcomes.refused(f));
                  case ConnectResult.Connected c ->
                      pinned(e, fn, body, written, key, c.connection());
                });
  }

  private CompletableFuture<TerminalOutcome> pinned(
      TerminalEndpoint e,
      EcrFunction fn,
      byte[] body,
      Runnable written,
      PoolKey key,
      Connection c) {
    if (c.peerChain().isEmpty()) {
      return exchange(e, fn, body, written, key, c, false);
    }
    return pins.check(e.terminalId(), LeafCertificates.of(c.peerChain().get(0)))
        .thenCompose(
            refusal -> {
              if (refusal != null) {
                c.close();
                return CompletableFuture.completedFuture(refusal);
              }
              return exchange(e, fn, body, written, key, c, false);
            });
  }

  private CompletableFuture<TerminalOutcome> exchange(
      TerminalEndpoint e,
      EcrFunction fn,
      byte[] body,
      Runnable written,
      PoolKey key,
      Connection c,
      boolean reused) {
    return c.postJson(fn.path(), body, e.readTimeout(), written)
        .thenCompose(
            result -> {
              boolean stale =
                  reused
                      && (result instanceof ExchangeResult.Unsent
                          || result instanceof ExchangeResult.Lost l && l.looksStale());
              if (stale) {
                c.close();
                return fresh(e, fn, body, written, key);
              }
              if (result instanceof ExchangeResult.Answer a && a.reusable()) {
                pool.give(key, c);
              } else {
                c.close();
              }
              return CompletableFuture.completedFuture(Outcomes.of(fn, result, e.posKey()));
            });
  }
}
