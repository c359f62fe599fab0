package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The Netty listeners of one terminal: HTTPS (TLS → HTTP codec → bounded aggregation → idle →
 * handler), plain HTTP (the same without TLS) and raw TCP (idle → handler, which switches to the
 * USB frame decoders when a connection starts with a USB frame). The HTTPS listener reads its
 * {@link SslContext} per new connection, so a rotated or foreign certificate applies to the next
 * handshake.
 */
final class TerminalListeners implements AutoCloseable {
  /** Connections idle this long with no request in progress are closed. */
  private static final int IDLE_SECONDS = 120;

  private final List<Channel> channels = new ArrayList<>();
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AtomicInteger usbResultsAcknowledged = new AtomicInteger();
  private volatile SslContext sslContext;
  private int httpsPort = TerminalConfig.DISABLED;
  private int httpPort = TerminalConfig.DISABLED;
  private int tcpPort = TerminalConfig.DISABLED;

  private TerminalListeners(SslContext sslContext) {
    this.sslContext = sslContext;
  }

  static TerminalListeners bind(
      EventLoopGroup boss,
      EventLoopGroup workers,
      String host,
      TerminalConfig cfg,
      TerminalEngine engine,
      SslContext ssl) {
    TerminalListeners l = new TerminalListeners(ssl);
    try {
      if (cfg.httpsPort() != TerminalConfig.DISABLED) {
        l.httpsPort = l.open(boss, workers, host, cfg.httpsPort(), l.http(engine, true), false);
      }
      if (cfg.httpPort() != TerminalConfig.DISABLED) {
        l.httpPort = l.open(boss, workers, host, cfg.httpPort(), l.http(engine, false), false);
      }
      if (cfg.tcpPort() != TerminalConfig.DISABLED) {
        l.tcpPort = l.open(boss, workers, host, cfg.tcpPort(), l.tcp(engine), true);
      }
      return l;
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
  }

  static SslContext sslContext(SimulatorPki.CertifiedKey key) {
    try {
      return SslContextBuilder.forServer(key.privateKey(), key.chain())
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
    }
  }

  void sslContext(SslContext ssl) {
    this.sslContext = ssl;
  }

  int httpsPort() {
    return httpsPort;
  }

  int httpPort() {
    return httpPort;
  }

  int tcpPort() {
    return tcpPort;
  }

  int usbResultsAcknowledged() {
    return usbResultsAcknowledged.get();
  }

  private ChannelInitializer<SocketChannel> http(TerminalEngine engine, boolean tls) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (tls) {
          p.addLast("tls", sslContext.newHandler(ch.alloc()));
        }
        p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
        p.addLast("aggregate", new HttpObjectAggregator(EcrCodec.MAX_BODY_BYTES));
        p.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        p.addLast("terminal", new HttpTerminalHandler(engine, tls ? "https" : "http"));
      }
    };
  }

  private ChannelInitializer<SocketChannel> tcp(TerminalEngine engine) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ch.pipeline()
            .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
            .addLast("terminal", new TcpTerminalHandler(engine, usbResultsAcknowledged));
      }
    };
  }

  private int open(
      EventLoopGroup boss,
      EventLoopGroup workers,
      String host,
      int port,
      ChannelInitializer<SocketChannel> init,
      boolean halfClosure) {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(init);
    try {
      Channel ch = b.bind(host, port).syncUninterruptibly().channel();
      channels.add(ch);
      return ((InetSocketAddress) ch.localAddress()).getPort();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() {
    for (Channel ch : channels) {
      ch.close().syncUninterruptibly();
    }
    channels.clear();
    connections.close().syncUninterruptibly();
  }
}
