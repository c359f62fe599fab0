package io.ecrhub.ecr.transport;

import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.tls.TerminalTls;
import io.ecrhub.ecr.tls.TlsHandshake;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections to terminals on the given event loop group and builds their pipelines, in
 * order: TLS (when the wire needs it) → inbound marker → HTTP codec and bounded aggregation, or the
 * raw-TCP end-of-stream collector → the awaiting handler. Host names are resolved on the blocking
 * executor (IP literals never leave the caller's thread); the event loop never blocks.
 *
 * <p>Outcomes: every failure before a connection is handed out is a {@link ConnectResult.Refused}
 * with the cause the channel reports as NotSent. The connect timeout covers the TCP connect and the
 * TLS handshake together.
 */
public final class Connector {
  private final EventLoopGroup group;
  private final TerminalTls tls;
  private final Executor resolver;
  private final int maxResponseBytes;
  private final ChannelGroup open =
      new DefaultChannelGroup("terminal-connections", ImmediateEventExecutor.INSTANCE);

  public Connector(EventLoopGroup group, TerminalTls tls, Executor resolver, int maxResponseBytes) {
    this.group = group;
    this.tls = tls;
    this.resolver = resolver;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Connects (and handshakes); never completes exceptionally. */
  public CompletableFuture<ConnectResult> connect(ConnectTarget target) {
    long deadline = System.nanoTime() + target.connectTimeout().toNanos();
    return resolve(target.host())
        .thenCompose(
            address ->
                address == null
                    ? CompletableFuture.completedFuture(
                        new ConnectResult.Refused(
                            NotSentCause.UNRESOLVED,
                            "host name " + target.host() + " does not resolve",
                            List.of()))
                    : open(target, address, deadline));
  }

  /** Closes every connection this connector opened that is still open. */
  public void closeAll() {
    open.close();
  }

  private CompletableFuture<InetAddress> resolve(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress literal = NetUtil.createInetAddressFromIpAddressString(bare);
    if (literal != null) {
      return CompletableFuture.completedFuture(literal);
    }
    try {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return InetAddress.getByName(bare);
            } catch (UnknownHostException | SecurityException e) {
              return null;
            }
          },
          resolver);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null);
    }
  }

  private CompletableFuture<ConnectResult> open(
      ConnectTarget target, InetAddress address, long deadline) {
    CompletableFuture<ConnectResult> result = new CompletableFuture<>();
    TlsHandshake handshake =
        target.wire().tls() ? tls.newHandshake(target.host(), target.port()) : null;
    long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, remainingMs))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    pipeline(ch.pipeline(), target, handshake, remainingMs);
                  }
                });
    ChannelFuture cf;
    try {
      cf = b.connect(new InetSocketAddress(address, target.port()));
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(ConnectFailures.closed());
    }
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            result.complete(ConnectFailures.connect(target, f.cause()));
            return;
          }
          Channel ch = cf.channel();
          open.add(ch);
          if (handshake == null) {
            result.complete(new ConnectResult.Connected(connection(ch, target, handshake)));
            return;
          }
          awaitHandshake(ch, target, handshake, deadline, result);
        });
    return result;
  }

  private void pipeline(
      ChannelPipeline p, ConnectTarget target, TlsHandshake handshake, long handshakeMs) {
    if (handshake != null) {
      SslHandler ssl = new SslHandler(handshake.engine());
      ssl.setHandshakeTimeoutMillis(handshakeMs);
      p.addLast("tls", ssl);
    }
    InboundMarker marker = new InboundMarker();
    p.addLast("marker", marker);
    switch (target.wire()) {
      case HTTP, HTTPS -> {
        p.addLast("http", new HttpClientCodec());
        p.addLast("aggregate", new HttpObjectAggregator(maxResponseBytes));
        p.addLast("await", new HttpResponseHandler(marker));
      }
      case TCP -> p.addLast("await", new EofCollector(marker, maxResponseBytes));
      case TLS_PROBE -> p.addLast("await", new EofCollector(marker, 0));
    }
  }

  private void awaitHandshake(
      Channel ch,
      ConnectTarget target,
      TlsHandshake handshake,
      long deadline,
      CompletableFuture<ConnectResult> result) {
    ScheduledFuture<?> timer =
        ch.eventLoop()
            .schedule(
                () -> {
                  if (result.complete(
                      new ConnectResult.Refused(
                          NotSentCause.TLS_HANDSHAKE_FAILED,
                          "TLS handshake with "
                              + target.authority()
                              + " did not finish within "
                              + target.connectTimeout().toMillis()
                              + " ms",
                          handshake.presentedChain()))) {
                    ch.close();
                  }
                },
                Math.max(1, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    ch.pipeline()
        .get(SslHandler.class)
        .handshakeFuture()
        .addListener(
            h -> {
              timer.cancel(false);
              if (h.isSuccess()) {
                if (!result.complete(
                    new ConnectResult.Connected(connection(ch, target, handshake)))) {
                  ch.close();
                }
              } else {
                ch.close();
                result.complete(ConnectFailures.handshake(target, handshake, h.cause()));
              }
            });
  }

  private static Connection connection(Channel ch, ConnectTarget target, TlsHandshake hs) {
    return new Connection(
        ch,
        target,
        hs == null ? List.of() : hs.presentedChain(),
        ch.pipeline().get(AwaitingHandler.class));
  }
}
