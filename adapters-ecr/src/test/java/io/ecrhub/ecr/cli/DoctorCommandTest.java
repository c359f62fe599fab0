package io.ecrhub.ecr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import io.ecrhub.domain.diagnostics.PresentedCertificate;
import io.ecrhub.domain.diagnostics.TcpObservation;
import io.ecrhub.domain.diagnostics.TerminalProbe;
import io.ecrhub.domain.diagnostics.TlsObservation;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.testing.BlackHole;
import io.ecrhub.ecr.codec.LenientParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and output of {@code doctor}, with a scripted environment and with real sockets. */
class DoctorCommandTest {
  static final String LEAF_SHA = "AB".repeat(32);

  private static DoctorEnvironment scripted(TlsObservation tls, TerminalOutcome answer) {
    TerminalProbe probe =
        new TerminalProbe() {
          @Override
          public TcpObservation connect(String host, int port, Duration timeout) {
            return TcpObservation.ok(host, port);
          }

          @Override
          public TlsObservation handshake(String host, int port, Duration timeout) {
            return tls;
          }
        };
    TerminalChannel channel = (e, c) -> CompletableFuture.completedFuture(answer);
    return extra ->
        new DoctorEnvironment.Session() {
          @Override
          public TerminalProbe probe() {
            return probe;
          }

          @Override
          public TerminalChannel channel() {
            return channel;
          }

          @Override
          public void close() {}
        };
  }

  private static TlsObservation trusted(String san) {
    PresentedCertificate leaf =
        new PresentedCertificate(
            "CN=" + san,
            QfpayCa.SUBJECT,
            new Fingerprint(LEAF_SHA),
            new Fingerprint("CD".repeat(20)),
            Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(365)),
            List.of(san),
            false);
    PresentedCertificate ca =
        new PresentedCertificate(
            QfpayCa.SUBJECT,
            QfpayCa.SUBJECT,
            QfpayCa.SHA256,
            QfpayCa.SHA1,
            null,
            null,
            List.of(),
            true);
    return new TlsObservation(TlsObservation.Result.HANDSHAKE_OK, "TLSv1.3", List.of(leaf), ca);
  }

  private static Path keyFile(Path dir, String key) throws IOException {
    Path f = dir.resolve("pos.key");
    Files.writeString(f, key);
    return f;
  }

  @Test
  void healthyTerminal_exits0(@TempDir Path dir) throws Exception {
    CliTestSupport.Result r =
        CliTestSupport.run(
            scripted(trusted("127.0.0.1"), new TerminalOutcome.NotFound("none", "6002")),
            "doctor",
            "--host",
            "127.0.0.1",
            "--pos-key-file",
            keyFile(dir, "a1b2c3d4e5f60718293a4b5c6d7e8f90").toString(),
            "--mms-https",
            "on",
            "--app-version",
            "4.34.12",
            "--pin",
            LEAF_SHA);
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("PASS  TLS handshake").contains("Result: PASS (exit 0)");
    assertThat(r.out()).doesNotContain("a1b2c3d4e5f60718293a4b5c6d7e8f90");
  }

  @Test
  void publishedDefaultKey_exits1(@TempDir Path dir) throws Exception {
    CliTestSupport.Result r =
        CliTestSupport.run(
            scripted(trusted("127.0.0.1"), new TerminalOutcome.NotFound("none", "6002")),
            "doctor",
            "--host",
            "127.0.0.1",
            "--pos-key-file",
            keyFile(dir, io.ecrhub.domain.testing.TerminalFixture.PUBLISHED_DEFAULT_POS_KEY)
                .toString());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("WARN  ECR service answers with the configured POS key");
  }

  @Test
  void wrongKey_exits2_withTheFix_andJsonSaysTheSame(@TempDir Path dir) throws Exception {
    DoctorEnvironment env =
        scripted(trusted("127.0.0.1"), new TerminalOutcome.KeyMismatch("4003", "Request Denied"));
    String key = keyFile(dir, "a1b2c3d4e5f60718293a4b5c6d7e8f90").toString();
    CliTestSupport.Result text =
        CliTestSupport.run(env, "doctor", "--host", "127.0.0.1", "--pos-key-file", key);
    assertThat(text.exitCode()).isEqualTo(2);
    assertThat(text.out()).contains("FAIL  ECR service").contains("POS Key List");

    CliTestSupport.Result json =
        CliTestSupport.run(env, "doctor", "--host", "127.0.0.1", "--pos-key-file", key, "--json");
    assertThat(json.exitCode()).isEqualTo(2);
    Map<String, Object> m = LenientParser.parseObject(json.out().strip());
    assertThat(m.get("overall")).isEqualTo("FAIL");
    assertThat(String.valueOf(m.get("exitCode"))).isEqualTo("2");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) m.get("checks");
    assertThat(checks)
        .filteredOn(c -> "ecr_key".equals(c.get("id")))
        .singleElement()
        .satisfies(c -> assertThat(c.get("status")).isEqualTo("FAIL"));
  }

  @Test
  void unreachableAddress_failsFast_exit2() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CliTestSupport.Result r =
        CliTestSupport.run(
            EcrHubCli.defaultEnvironment(),
            "doctor",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--timeout",
            "2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("FAIL  TCP connection").contains("connection refused");
    assertThat(r.out()).contains("ECR status page");
  }

  @Test
  void blackHoledAddress_failsOnTheConnectTimeout_exit2(@TempDir Path dir) throws Exception {
    try (BlackHole hole = BlackHole.open()) {
      String[] args = {
        "doctor",
        "--host",
        hole.host(),
        "--port",
        String.valueOf(hole.port()),
        "--pos-key-file",
        keyFile(dir, "a1b2c3d4e5f60718293a4b5c6d7e8f90").toString(),
        "--timeout",
        "1"
      };
      CliTestSupport.Result text = CliTestSupport.run(EcrHubCli.defaultEnvironment(), args);
      assertThat(text.exitCode()).as(text.out()).isEqualTo(2);
      String out = text.out().replaceAll("\\s+", " ");
      assertThat(out)
          .contains("FAIL TCP connection to the ECR port")
          .contains(hole.host() + ":" + hole.port() + ": connect timed out after 1000 ms")
          .doesNotContain("refused")
          .contains("Wi-Fi client (AP) isolation")
          .contains("Result: FAIL (exit 2)");

      String[] jsonArgs = java.util.Arrays.copyOf(args, args.length + 1);
      jsonArgs[args.length] = "--json";
      CliTestSupport.Result json = CliTestSupport.run(EcrHubCli.defaultEnvironment(), jsonArgs);
      assertThat(json.exitCode()).isEqualTo(2);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> checks =
          (List<Map<String, Object>>) LenientParser.parseObject(json.out().strip()).get("checks");
      Map<String, Object> tcp =
          checks.stream().filter(c -> "tcp_ecr_port".equals(c.get("id"))).findFirst().orElseThrow();
      assertThat(tcp.get("status")).isEqualTo("FAIL");
      assertThat((String) tcp.get("evidence")).contains("timed out");
      assertThat((String) tcp.get("fix")).contains("firewall");
      // nothing was attempted past the dead port: no handshake, no ECR query
      assertThat(checks)
          .filteredOn(c -> List.of("tls_handshake", "ecr_key").contains(c.get("id")))
          .extracting(c -> c.get("status"))
          .containsExactly("SKIPPED", "SKIPPED");
    }
  }

  @Test
  void badArguments_exit64() {
    DoctorEnvironment env = EcrHubCli.defaultEnvironment();
    assertThat(CliTestSupport.run(env, "doctor").exitCode()).isEqualTo(EcrHubCli.USAGE);
    assertThat(
            CliTestSupport.run(env, "doctor", "--host", "127.0.0.1", "--transport", "carrier")
                .exitCode())
        .isEqualTo(EcrHubCli.USAGE);
    assertThat(
            CliTestSupport.run(env, "doctor", "--host", "127.0.0.1", "--mms-https", "maybe")
                .exitCode())
        .isEqualTo(EcrHubCli.USAGE);
  }
}
