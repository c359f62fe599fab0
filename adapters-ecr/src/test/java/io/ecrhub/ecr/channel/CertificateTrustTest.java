package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.tls.TestPki;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trust (anchors, host name) and pinning, checked before any request byte is written. */
class CertificateTrustTest extends ChannelFixture {

  @Test
  void firstSuccessfulHandshake_pinsThePresentedLeaf() throws Exception {
    FakeTerminal t = https(req -> FakeTerminal.ok(Map.of("syssn", "1")));

    assertThat(await(channel().send(endpoint(Transport.HTTPS, t.port()), query())))
        .isInstanceOf(TerminalOutcome.Approved.class);

    assertThat(pins.find(TERMINAL))
        .hasValueSatisfying(
            p -> {
              assertThat(p.pinned().sha256()).isEqualTo(sha256(LEAF));
              assertThat(p.pinned().subjectAltNames()).containsExactly("127.0.0.1");
            });
  }

  @Test
  void mitmLeafFromAnotherCa_isCertificateUntrusted_andNothingIsSent() throws Exception {
    TestPki.Issued mitm = TestPki.newCa("Mallory CA").issueServer("terminal", "127.0.0.1");
    FakeTerminal t = https(TestPki.serverContext(mitm), req -> FakeTerminal.ok(Map.of()));

    TerminalOutcome o = await(channel().send(endpoint(Transport.HTTPS, t.port()), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_UNTRUSTED);
              assertThat(n.presented().sha256()).isEqualTo(sha256(mitm));
            });
    assertThat(t.rawRequests()).isEmpty();
    assertThat(pins.find(TERMINAL)).isEmpty();
  }

  @Test
  void leafForAnotherAddress_isCertificateUntrusted() throws Exception {
    TestPki.Issued wrongSan = CA.issueServer("terminal", "127.0.0.2", "terminal.example");
    FakeTerminal t = https(TestPki.serverContext(wrongSan), req -> FakeTerminal.ok(Map.of()));

    TerminalOutcome o = await(channel().send(endpoint(Transport.HTTPS, t.port()), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_UNTRUSTED);
              assertThat(n.presented().subjectAltNames()).contains("127.0.0.2");
            });
    assertThat(t.rawRequests()).isEmpty();
  }

  @Test
  void changedLeaf_isRefusedUntilApproved_thenAccepted() throws Exception {
    FakeTerminal original = https(req -> FakeTerminal.ok(Map.of("syssn", "1")));
    assertThat(await(channel().send(endpoint(Transport.HTTPS, original.port()), query())))
        .isInstanceOf(TerminalOutcome.Approved.class);
    TestPki.Issued rotated = CA.issueServer("terminal", "127.0.0.1");
    FakeTerminal reinstalled =
        https(TestPki.serverContext(rotated), req -> FakeTerminal.ok(Map.of("syssn", "1")));

    TerminalOutcome refused =
        await(channel().send(endpoint(Transport.HTTPS, reinstalled.port()), pay("o-1")));

    assertThat(refused)
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_CHANGED);
              assertThat(n.presented().sha256()).isEqualTo(sha256(rotated));
            });
    assertThat(reinstalled.rawRequests()).isEmpty();
    assertThat(pins.find(TERMINAL).orElseThrow().pending().sha256()).isEqualTo(sha256(rotated));
    assertThat(await(channel().send(endpoint(Transport.HTTPS, reinstalled.port()), query())))
        .isInstanceOfSatisfying(
            NotSent.class, n -> assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_CHANGED));

    assertThat(pins.approvePending(TERMINAL, sha256(rotated), Instant.now())).isTrue();

    assertThat(await(channel().send(endpoint(Transport.HTTPS, reinstalled.port()), pay("o-2"))))
        .isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(reinstalled.funcTypes()).containsExactly(1001);
  }

  @Test
  void plainHttpTerminalOnAnHttpsEndpoint_isTlsHandshakeFailed() throws Exception {
    FakeTerminal plain = http(req -> FakeTerminal.ok(Map.of()));

    TerminalOutcome o = await(channel().send(endpoint(Transport.HTTPS, plain.port()), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            NotSent.class, n -> assertThat(n.cause()).isEqualTo(NotSentCause.TLS_HANDSHAKE_FAILED));
    assertThat(plain.funcTypes()).isEmpty();
  }

  @Test
  void probe_reportsTheTrustedChainAndProtocol_withoutSendingOrPinning() throws Exception {
    FakeTerminal t = https(req -> FakeTerminal.ok(Map.of()));

    TlsProbe.Result r = probe(t.port());

    assertThat(r.verdict()).isEqualTo(TlsProbe.Verdict.OK);
    assertThat(r.handshakeOk()).isTrue();
    assertThat(r.leaf().sha256()).isEqualTo(sha256(LEAF));
    assertThat(r.issuers())
        .singleElement()
        .satisfies(ca -> assertThat(ca.subject()).contains("Test terminal CA"));
    assertThat(r.protocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(t.rawRequests()).isEmpty();
    assertThat(pins.find(TERMINAL)).isEmpty();
  }

  @Test
  void probe_ofAnUntrustedTerminal_showsThePresentedLeaf() throws Exception {
    TestPki.Issued mitm = TestPki.newCa("Mallory CA").issueServer("terminal", "127.0.0.1");
    FakeTerminal t = https(TestPki.serverContext(mitm), req -> FakeTerminal.ok(Map.of()));

    TlsProbe.Result r = probe(t.port());

    assertThat(r.verdict()).isEqualTo(TlsProbe.Verdict.UNTRUSTED);
    assertThat(r.reachable()).isTrue();
    assertThat(r.leaf().sha256()).isEqualTo(sha256(mitm));
    assertThat(r.detail()).isNotBlank();
  }

  @Test
  void probe_ofAPlainHttpTerminal_isReachableButHandshakeFailed() throws Exception {
    FakeTerminal plain = http(req -> FakeTerminal.ok(Map.of()));

    TlsProbe.Result r = probe(plain.port());

    assertThat(r.verdict()).isEqualTo(TlsProbe.Verdict.HANDSHAKE_FAILED);
    assertThat(r.reachable()).isTrue();
    assertThat(r.leaf()).isNull();
  }

  private TlsProbe.Result probe(int port) throws Exception {
    return channel()
        .probeTls(endpoint(Transport.HTTPS, port))
        .toCompletableFuture()
        .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
  }

  private static Fingerprint sha256(TestPki.Issued issued) {
    try {
      return Fingerprint.sha256(issued.leaf().getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
