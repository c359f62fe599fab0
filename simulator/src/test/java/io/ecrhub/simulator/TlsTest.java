package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrFunction;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single());
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> summary(EcrTestClient c) throws Exception {
    return c.post(
        EcrFunction.PRINT_SUMMARY.path(),
        EcrCodec.encodeRequest(Map.of("func_type", 3002), terminal.posKey(), true));
  }

  private static X509Certificate peerLeaf(HttpResponse<String> r) throws Exception {
    return (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  @Test
  void leaf_chainsToTheSimulatorCaWithAnIpSan() throws Exception {
    X509Certificate leaf = peerLeaf(summary(client));

    assertThat(leaf).isEqualTo(terminal.currentLeaf());
    leaf.verify(terminal.caCertificate().getPublicKey());
    assertThat(leaf.getSubjectAlternativeNames())
        .contains(java.util.List.<Object>of(7, "127.0.0.1"));
    assertThat(terminal.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void rotatedCertificate_isANewLeafFromTheSameCa() throws Exception {
    X509Certificate before = terminal.currentLeaf();

    X509Certificate rotated = terminal.rotateCertificate();
    X509Certificate seen = peerLeaf(summary(new EcrTestClient(terminal)));

    assertThat(seen).isEqualTo(rotated).isNotEqualTo(before);
    assertThat(seen.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
  }

  @Test
  void foreignCertificate_failsTheHandshakeOfAClientTrustingOnlyTheCa() {
    terminal.presentForeignCertificate();

    assertThatThrownBy(() -> summary(new EcrTestClient(terminal)))
        .hasCauseInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path building failed");
    assertThat(terminal.receipts()).isEmpty();
  }

  @Test
  void expiredCertificate_failsTheHandshake() {
    terminal.presentExpiredCertificate();

    assertThatThrownBy(() -> summary(new EcrTestClient(terminal)))
        .hasCauseInstanceOf(SSLHandshakeException.class);
    assertThat(terminal.currentLeaf().getNotAfter().toInstant()).isBefore(Instant.now());
  }

  @Test
  void chainLoadedFromPemFiles_isServed(@TempDir Path dir) throws Exception {
    SimulatorPki.Ca ca = SimulatorPki.newCa("Lab CA");
    SimulatorPki.CertifiedKey leaf = ca.issueLeaf("127.0.0.1");
    Path chain = dir.resolve("chain.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(chain, SimulatorPki.pem(leaf.leaf()) + SimulatorPki.pem(ca.certificate()));
    Files.writeString(key, SimulatorPki.pem(leaf.privateKey()));

    SimulatorPki.CertifiedKey loaded = SimulatorPki.loadChain(chain, key);
    terminal.presentCertificate(loaded);
    EcrTestClient labClient = new EcrTestClient(terminal, terminal.httpsUri(), ca.certificate());

    assertThat(peerLeaf(summary(labClient))).isEqualTo(leaf.leaf());
  }

  @Test
  void savedCa_loadsBackAndIssuesTrustedLeaves(@TempDir Path dir) throws Exception {
    SimulatorPki.Ca ca = SimulatorPki.newCa("Saved CA");
    SimulatorPki.save(ca, dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));

    SimulatorPki.Ca loaded = SimulatorPki.loadCa(dir.resolve("ca.pem"), dir.resolve("ca-key.pem"));

    try (TerminalSimulator s =
        TerminalSimulator.start(SimulatorConfig.builder().terminals(1).ca(loaded).build())) {
      SimulatedTerminal t = s.terminal(0);
      EcrTestClient c = new EcrTestClient(t, t.httpsUri(), ca.certificate());
      HttpResponse<String> r =
          c.post(
              EcrFunction.PRINT_SUMMARY.path(),
              EcrCodec.encodeRequest(Map.of("func_type", 3002), t.posKey(), true));
      assertThat(c.decode(r).respcd()).isEqualTo("6000");
    }
  }

  /** The CA's private key is written owner read/write only (0600), even over a wider file. */
  @Test
  void savedCaKey_isOwnerReadWriteOnly(@TempDir Path dir) throws Exception {
    assertThat(
            Files.getFileStore(dir)
                .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class))
        .as("a POSIX file system (the suite runs on Linux)")
        .isTrue();
    SimulatorPki.Ca ca = SimulatorPki.newCa("Private CA");
    Path key = dir.resolve("ca-key.pem");
    SimulatorPki.save(ca, dir.resolve("ca.pem"), key);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");

    Files.setPosixFilePermissions(
        key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    SimulatorPki.save(ca, dir.resolve("ca.pem"), key);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void caPem_isWrittenAndReadableAsTheTrustAnchor(@TempDir Path dir) throws Exception {
    Path pem = terminal.writeCaPem(dir.resolve("ca.pem"));

    X509Certificate ca =
        (X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pem));

    assertThat(ca).isEqualTo(sim.ca().certificate());
    assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
  }
}
