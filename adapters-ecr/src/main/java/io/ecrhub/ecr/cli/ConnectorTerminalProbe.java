package io.ecrhub.ecr.cli;

import io.ecrhub.domain.certificate.TrustAnchors;
import io.ecrhub.domain.diagnostics.TcpObservation;
import io.ecrhub.domain.diagnostics.TerminalProbe;
import io.ecrhub.domain.diagnostics.TlsObservation;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.tls.TerminalTls;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ConnectTarget;
import io.ecrhub.ecr.transport.Connector;
import io.ecrhub.ecr.transport.Wire;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;

/**
 * Adapter: {@link TerminalProbe} over the terminal channel's own connector, so diagnostics see the
 * same trust (QFPay's CA plus operator CAs, host verification) and TLS settings as real requests: a
 * plain TCP connect, and a TLS-only handshake (nothing is ever written) whose presented chain is
 * analysed even when it was refused. Used by the doctor CLI and by the hub's diagnostics.
 */
public final class ConnectorTerminalProbe implements TerminalProbe, AutoCloseable {
  private final NioEventLoopGroup group;
  private final ExecutorService resolver;
  private final Connector connector;
  private final List<X509Certificate> anchors;

  public ConnectorTerminalProbe(TrustAnchors trust) {
    this.anchors = List.copyOf(trust.anchors());
    this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ecr-diagnostics", true));
    this.resolver =
        Executors.newCachedThreadPool(new DefaultThreadFactory("ecr-diagnostics-dns", true));
    this.connector =
        new Connector(group, new TerminalTls(trust), resolver, EcrCodec.MAX_BODY_BYTES);
  }

  @Override
  public TcpObservation connect(String host, int port, Duration timeout) {
    return SocketTcpProbe.connect(host, port, timeout);
  }

  @Override
  public TlsObservation handshake(String host, int port, Duration timeout) {
    ConnectResult r;
    try {
      r =
          connector
              .connect(new ConnectTarget(host, port, Wire.TLS_PROBE, timeout))
              .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new TlsObservation(
          TlsObservation.Result.TIMEOUT, "no TLS answer in time", List.of(), null);
    } catch (ExecutionException e) {
      return new TlsObservation(
          TlsObservation.Result.FAILED, e.getCause().getClass().getSimpleName(), List.of(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TlsObservation(TlsObservation.Result.FAILED, "interrupted", List.of(), null);
    }
    return switch (r) {
      case ConnectResult.Connected c -> {
        try {
          List<X509Certificate> chain = c.connection().peerChain();
          SSLSession s = c.connection().tlsSession().orElse(null);
          yield observation(
              TlsObservation.Result.HANDSHAKE_OK,
              s == null ? "handshake completed" : s.getProtocol() + " " + s.getCipherSuite(),
              chain);
        } finally {
          c.connection().close();
        }
      }
      case ConnectResult.Refused f -> observation(classify(f), f.detail(), f.presentedChain());
    };
  }

  private static TlsObservation.Result classify(ConnectResult.Refused f) {
    String d = f.detail() == null ? "" : f.detail();
    return switch (f.cause()) {
      case CERTIFICATE_UNTRUSTED, CERTIFICATE_CHANGED -> TlsObservation.Result.UNTRUSTED;
      case TLS_HANDSHAKE_FAILED -> {
        if (d.contains("did not finish within")) {
          yield TlsObservation.Result.TIMEOUT;
        }
        yield f.presentedChain().isEmpty()
            ? TlsObservation.Result.NOT_TLS
            : TlsObservation.Result.FAILED;
      }
      default ->
          d.contains("timed out") ? TlsObservation.Result.TIMEOUT : TlsObservation.Result.FAILED;
    };
  }

  private TlsObservation observation(
      TlsObservation.Result result, String detail, List<X509Certificate> chain) {
    X509Certificate anchor = ChainAnalysis.anchorOf(chain, anchors);
    return new TlsObservation(
        result,
        detail,
        ChainAnalysis.facts(chain),
        anchor == null ? null : ChainAnalysis.facts(anchor));
  }

  @Override
  public void close() {
    connector.closeAll();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    resolver.shutdownNow();
  }
}
