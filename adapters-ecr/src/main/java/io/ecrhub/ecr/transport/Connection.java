package io.ecrhub.ecr.transport;

import io.ecrhub.ecr.serial.UsbFraming;
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
 * sequence (keep-alive), raw TCP connections (USB-framed or not) exactly one. Thread-safe: every
 * operation hops onto the channel's event loop.
 */
public final class Connection {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** A written signal nobody waits for. */
  private static final Runnable NOT_WATCHED = () -> {};

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
    return postJson(path, body, readTimeout, NOT_WATCHED);
  }

  /**
   * {@link #postJson(String, byte[], Duration)}, running {@code written} on the event loop once the
   * whole request was written to the socket (never when it was not).
   */
  public CompletableFuture<ExchangeResult> postJson(
      String path, byte[] body, Duration readTimeout, Runnable written) {
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
    req.headers()
        .set(HttpHeaderNames.HOST, target.authority())
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.ACCEPT, "application/json")
        .set(HttpHeaderNames.USER_AGENT, "ecr-hub")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return exchange(req, false, readTimeout, () -> {}, written);
  }

  /**
   * Writes {@code payload} on raw TCP, then (with {@code halfClose}) shuts the output down, and
   * completes with everything read up to the peer's close.
   */
  public CompletableFuture<ExchangeResult> sendRaw(
      byte[] payload, boolean halfClose, Duration readTimeout) {
    return sendRaw(payload, halfClose, readTimeout, NOT_WATCHED);
  }

  /** {@link #sendRaw(byte[], boolean, Duration)}, running {@code written} once it was written. */
  public CompletableFuture<ExchangeResult> sendRaw(
      byte[] payload, boolean halfClose, Duration readTimeout, Runnable written) {
    ByteBuf buf = Unpooled.wrappedBuffer(payload);
    return exchange(buf, halfClose, readTimeout, () -> {}, written);
  }

  /**
   * On a {@link Wire#TCP_USB_FRAME} connection: writes {@code data} as {@code 0x10} frame(s) with a
   * fresh reference number (split into fragments of at most {@code maxFragment} data bytes), output
   * left open, and completes with the data of the terminal's result message, which the connection
   * acknowledges and then closes. An error packet answering the request before anything else is
   * {@link ExchangeResult.Rejected}.
   *
   * @throws IllegalStateException when this connection was not opened for USB frames
   * @throws IllegalArgumentException when {@code data} exceeds the 65535-byte data-length field
   */
  public CompletableFuture<ExchangeResult> sendUsbFramed(
      byte[] data, int maxFragment, Duration readTimeout, Runnable written) {
    if (!(handler instanceof UsbResultCollector usb)) {
      throw new IllegalStateException(this + " was not opened for USB frames");
    }
    int reference = UsbFraming.nextReference();
    ByteBuf frames = Unpooled.wrappedBuffer(UsbFraming.message(reference, data, maxFragment));
    return exchange(frames, false, readTimeout, () -> usb.awaitReference(reference), written);
  }

  /**
   * @param arm runs on the event loop once the connection takes the request (open, not busy), just
   *     before the handler starts awaiting its answer
   * @param written runs on the event loop once the whole message was written
   */
  private CompletableFuture<ExchangeResult> exchange(
      Object message, boolean halfClose, Duration readTimeout, Runnable arm, Runnable written) {
    CompletableFuture<ExchangeResult> result = new CompletableFuture<>();
    try {
      channel
          .eventLoop()
          .execute(() -> write(message, halfClose, readTimeout, result, arm, written));
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
      CompletableFuture<ExchangeResult> result,
      Runnable arm,
      Runnable written) {
    if (!channel.isActive() || handler.awaiting()) {
      ReferenceCountUtil.release(message);
      result.complete(
          new ExchangeResult.Unsent(
              channel.isActive()
                  ? "connection is busy with another request"
                  : "connection closed before the request was sent"));
      return;
    }
    arm.run();
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
                return;
              }
              signal(written);
              if (halfClose && channel instanceof SocketChannel sc) {
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

  /** A signal's failure is its own: logged, never the exchange's. */
  private void signal(Runnable written) {
    try {
      written.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "{0}: the written signal failed: {1}", this, e);
    }
  }

  @Override
  public String toString() {
    return "Connection[" + target.wire() + " " + target.authority() + "]";
  }
}
