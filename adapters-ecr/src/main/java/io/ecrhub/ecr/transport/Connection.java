package io.ecrhub.ecr.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One open connection to a terminal, ready for requests: HTTP(S) connections may carry several in
 * sequence (keep-alive), raw TCP connections exactly one. Thread-safe: every operation hops onto
 * the channel's event loop.
 */
public final class Connection {
  private final Channel channel;
  private final ConnectTarget target;
  private final List<X509Certificate> peerChain;
  private final AwaitingHandler handler;

  Connection(
      Channel channel,
      ConnectTarget target,
      List<X509Certificate> peerChain,
      AwaitingHandler handler) {
    this.channel = channel;
    this.target = target;
    this.peerChain = List.copyOf(peerChain);
    this.handler = handler;
  }

  public ConnectTarget target() {
    return target;
  }

  /** The certificates the terminal presented (leaf first); empty without TLS. */
  public List<X509Certificate> peerChain() {
    return peerChain;
  }

  /** The negotiated TLS session, if this connection runs TLS. */
  public Optional<SSLSession> tlsSession() {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    return ssl == null ? Optional.empty() : Optional.of(ssl.engine().getSession());
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  public void close() {
    channel.close();
  }

  /** Runs {@code action} once this connection has closed (at once if it already has). */
  public void onClose(Runnable action) {
    channel.closeFuture().addListener(f -> action.run());
  }

  /** Runs {@code action} on this connection's event loop after {@code delay}; must not block. */
  public void schedule(Runnable action, Duration delay) {
    try {
      channel.eventLoop().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      action.run();
    }
  }

  /**
   * {@code POST path} with a JSON body ({@code Content-Type} and {@code Accept} JSON, {@code Host}
   * = the dialled authority); completes with the response whatever its status.
   */
  public CompletableFuture<ExchangeResult> postJson(
      String path, byte[] body, Duration readTimeout) {
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
    req.headers()
        .set(HttpHeaderNames.HOST, target.authority())
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.ACCEPT, "application/json")
        .set(HttpHeaderNames.USER_AGENT, "ecr-hub")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return exchange(req, false, readTimeout);
  }

  /**
   * Writes {@code payload} on raw TCP, then (with {@code halfClose}) shuts the output down, and
   * completes with everything read up to the peer's close.
   */
  public CompletableFuture<ExchangeResult> sendRaw(
      byte[] payload, boolean halfClose, Duration readTimeout) {
    ByteBuf buf = Unpooled.wrappedBuffer(payload);
    return exchange(buf, halfClose, readTimeout);
  }

  private CompletableFuture<ExchangeResult> exchange(
      Object message, boolean halfClose, Duration readTimeout) {
    CompletableFuture<ExchangeResult> result = new CompletableFuture<>();
    try {
      channel.eventLoop().execute(() -> write(message, halfClose, readTimeout, result));
    } catch (RejectedExecutionException e) {
      ReferenceCountUtil.release(message);
      result.complete(new ExchangeResult.Unsent("the channel is shutting down"));
    }
    return result;
  }

  private void write(
      Object message,
      boolean halfClose,
      Duration readTimeout,
      CompletableFuture<ExchangeResult> result) {
    if (!channel.isActive() || handler.awaiting()) {
      ReferenceCountUtil.release(message);
      result.complete(
          new ExchangeResult.Unsent(
              channel.isActive()
                  ? "connection is busy with another request"
                  : "connection closed before the request was sent"));
      return;
    }
    handler.expect(result);
    ScheduledFuture<?> timer =
        channel
            .eventLoop()
            .schedule(
                () ->
                    handler.timeOut(
                        "no complete response within " + readTimeout.toMillis() + " ms"),
                readTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    channel
        .writeAndFlush(message)
        .addListener(
            w -> {
              if (!w.isSuccess()) {
                handler.lose("sending failed (" + AwaitingHandler.summary(w.cause()) + ")");
              } else if (halfClose && channel instanceof SocketChannel sc) {
                sc.shutdownOutput()
                    .addListener(
                        s -> {
                          if (!s.isSuccess()) {
                            handler.lose("half-close failed");
                          }
                        });
              }
            });
  }

  @Override
  public String toString() {
    return "Connection[" + target.wire() + " " + target.authority() + "]";
  }
}
