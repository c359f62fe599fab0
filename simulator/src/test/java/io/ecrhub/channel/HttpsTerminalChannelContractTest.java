package io.ecrhub.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.channel.TlsProbe;
import io.ecrhub.simulator.SimulatedTerminal;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TerminalChannel contract over HTTPS, plus trust and pinning against the simulator. */
class HttpsTerminalChannelContractTest extends TerminalChannelContract {
  @Override
  Transport transport() {
    return Transport.HTTPS;
  }

  @Override
  int port(SimulatedTerminal t) {
    return t.httpsPort();
  }

  @Test
  void leafFromAForeignCa_isCertificateUntrusted_andNothingReachesTheTerminal() throws Exception {
    X509Certificate foreign = terminal.presentForeignCertificate();

    TerminalOutcome o = send(pay("1.00", "order-mitm"));

    assertThat(o)
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_UNTRUSTED);
              assertThat(n.presented().sha256()).isEqualTo(sha256(foreign));
            });
    assertThat(terminal.exchanges()).isEmpty();
    assertThat(pins.find(TERMINAL)).isEmpty();
  }

  @Test
  void expiredLeaf_isCertificateUntrusted() throws Exception {
    terminal.presentExpiredCertificate();

    assertThat(send(pay("1.00", "order-exp")))
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_UNTRUSTED));
    assertThat(terminal.exchanges()).isEmpty();
  }

  @Test
  void rotatedLeaf_isRefusedUntilAnOperatorApprovesIt_thenAccepted() throws Exception {
    X509Certificate first = terminal.currentLeaf();
    approvedPayment("2.00", "order-pin");
    assertThat(pins.find(TERMINAL).orElseThrow().pinned().sha256()).isEqualTo(sha256(first));
    X509Certificate rotated = terminal.rotateCertificate();

    TerminalOutcome refused = send(pay("3.00", "order-rot"));

    assertThat(refused)
        .isInstanceOfSatisfying(
            NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CERTIFICATE_CHANGED);
              assertThat(n.presented().sha256()).isEqualTo(sha256(rotated));
            });
    assertThat(requestsOf(1001)).isEqualTo(1);
    assertThat(pins.find(TERMINAL).orElseThrow().pending().sha256()).isEqualTo(sha256(rotated));

    assertThat(pins.approvePending(TERMINAL, sha256(rotated), Instant.now())).isTrue();

    assertThat(send(pay("3.00", "order-rot"))).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(requestsOf(1001)).isEqualTo(2);
  }

  @Test
  void probe_showsTheTerminalsTrustedChain() throws Exception {
    TlsProbe.Result r =
        channel.probeTls(endpoint()).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(r.verdict()).isEqualTo(TlsProbe.Verdict.OK);
    assertThat(r.leaf().sha256()).isEqualTo(sha256(terminal.currentLeaf()));
    assertThat(r.leaf().subjectAltNames()).contains(terminal.host());
    assertThat(r.issuers())
        .singleElement()
        .satisfies(ca -> assertThat(ca.sha256()).isEqualTo(sha256(terminal.caCertificate())));
    assertThat(terminal.exchanges()).isEmpty();
  }

  private static Fingerprint sha256(X509Certificate c) {
    try {
      return Fingerprint.sha256(c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
