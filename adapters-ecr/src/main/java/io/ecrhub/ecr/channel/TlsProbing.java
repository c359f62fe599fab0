package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.ecr.tls.LeafCertificates;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ConnectTarget;
import io.ecrhub.ecr.transport.Connection;
import io.ecrhub.ecr.transport.Connector;
import io.ecrhub.ecr.transport.Wire;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;

/** {@link TlsProbe} over the channel's connector: the same trust and timeouts as real requests. */
final class TlsProbing {
  private final Connector connector;

  TlsProbing(Connector connector) {
    this.connector = connector;
  }

  CompletableFuture<TlsProbe.Result> probe(TerminalEndpoint e) {
    ConnectTarget target =
        new ConnectTarget(e.host(), e.port(), Wire.TLS_PROBE, e.connectTimeout());
    return connector
        .connect(target)
        .thenApply(
            r ->
                switch (r) {
                  case ConnectResult.Connected c -> ok(c.connection());
                  case ConnectResult.Refused f -> refused(f);
                });
  }

  private static TlsProbe.Result ok(Connection c) {
    try {
      SSLSession s = c.tlsSession().orElse(null);
      return result(
          TlsProbe.Verdict.OK,
          c.peerChain(),
          s == null ? null : s.getProtocol(),
          s == null ? null : s.getCipherSuite(),
          "TLS handshake with " + c.target().authority() + " succeeded; certificate trusted");
    } finally {
      c.close();
    }
  }

  private static TlsProbe.Result refused(ConnectResult.Refused f) {
    TlsProbe.Verdict v =
        switch (f.cause()) {
          case UNRESOLVED -> TlsProbe.Verdict.UNRESOLVED;
          case TLS_HANDSHAKE_FAILED -> TlsProbe.Verdict.HANDSHAKE_FAILED;
          case CERTIFICATE_UNTRUSTED, CERTIFICATE_CHANGED -> TlsProbe.Verdict.UNTRUSTED;
          case CONNECT_FAILED, CONFIGURATION, CHANNEL_CLOSED -> TlsProbe.Verdict.UNREACHABLE;
        };
    return result(v, f.presentedChain(), null, null, f.detail());
  }

  private static TlsProbe.Result result(
      TlsProbe.Verdict v,
      List<X509Certificate> chain,
      String protocol,
      String suite,
      String detail) {
    return new TlsProbe.Result(
        v,
        chain.isEmpty() ? null : LeafCertificates.of(chain.get(0)),
        chain.size() <= 1 ? List.of() : LeafCertificates.of(chain.subList(1, chain.size())),
        protocol,
        suite,
        detail);
  }
}
