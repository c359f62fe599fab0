package io.ecrhub.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.ecr.cli.EcrHubCli;
import io.ecrhub.ecr.codec.LenientParser;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor CLI, in process, against the simulator over real loopback sockets: exit codes 0/1/2,
 * JSON, and each failure of QFPay's troubleshooting list.
 */
class DoctorAgainstSimulatorTest {
  private static TerminalSimulator sim;
  private static SimulatedTerminal terminal;
  private static String key;

  @TempDir static Path dir;
  private static Path keyFile;
  private static Path caFile;

  @BeforeAll
  static void start() throws IOException {
    sim = TerminalSimulator.start(SimulatorConfig.single(TerminalConfig.builder("sim-1").build()));
    terminal = sim.terminal(0);
    key = terminal.posKey();
    keyFile = Files.writeString(dir.resolve("pos.key"), key);
    caFile = sim.writeCaPem(dir.resolve("sim-ca.pem"));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    terminal.setFault(Fault.none());
    terminal.setEncryption(true);
    terminal.changePosKey(key);
    terminal.rotateCertificate();
  }

  record Run(int exitCode, String out, String err) {
    Map<String, Object> json() throws Exception {
      return LenientParser.parseObject(out.strip());
    }

    String status(String check) throws Exception {
      return field(check, "status");
    }

    String field(String check, String field) throws Exception {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> checks = (List<Map<String, Object>>) json().get("checks");
      return checks.stream()
          .filter(c -> check.equals(c.get("id")))
          .map(c -> String.valueOf(c.get(field)))
          .findFirst()
          .orElseThrow();
    }
  }

  /** The doctor over HTTPS with the test's POS key and CA, JSON output, plus {@code extra}. */
  private static Run httpsJson(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                https(),
                "--pos-key-file",
                keyFile.toString(),
                "--ca-file",
                caFile.toString()));
    args.addAll(List.of(extra));
    args.add("--json");
    return doctor(args.toArray(String[]::new));
  }

  private static Run doctor(String... extra) {
    List<String> args = new ArrayList<>(List.of("doctor", "--host", "127.0.0.1"));
    if (!List.of(extra).contains("--timeout")) {
      args.addAll(List.of("--timeout", "5"));
    }
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EcrHubCli.run(
            EcrHubCli.defaultEnvironment(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static String https() {
    return String.valueOf(terminal.httpsPort());
  }

  private static String http() {
    return String.valueOf(terminal.httpPort());
  }

  @Test
  void healthyHttpTerminal_exits0() {
    Run r =
        doctor(
            "--transport",
            "http",
            "--port",
            http(),
            "--pos-key-file",
            keyFile.toString(),
            "--mms-https",
            "off",
            "--app-version",
            "4.34.12");
    // MMS https off is a WARN by design; so is plain HTTP itself (ADR 0007: its answers are not
    // authenticated), which is the only warning without --mms-https.
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
    Run plain =
        doctor("--transport", "http", "--port", http(), "--pos-key-file", keyFile.toString());
    assertThat(plain.exitCode()).as(plain.out()).isEqualTo(1);
    assertThat(plain.out())
        .contains("WARN  Terminal answers come from an authenticated peer")
        .contains(", 1 warn, 0 fail");
    assertThat(plain.out()).contains("PASS  ECR service answers with the configured POS key");
    assertThat(plain.out() + plain.err()).doesNotContain(key);
  }

  @Test
  void httpsTerminalWithOperatorCa_passesTheChecks_butWarnsItIsNotQfpaysCa() throws Exception {
    Run r = httpsJson();
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
    assertThat(r.status("tls_handshake")).isEqualTo("PASS");
    assertThat(r.status("ca_chain")).isEqualTo("WARN");
    assertThat(r.status("leaf_validity")).isEqualTo("PASS");
    assertThat(r.status("leaf_san")).isEqualTo("PASS");
    assertThat(r.status("ecr_key")).isEqualTo("PASS");
    assertThat(r.status("app_logged_in")).isEqualTo("PASS");
    assertThat(String.valueOf(r.json().get("exitCode"))).isEqualTo("1");
  }

  @Test
  void httpsConfigured_butTerminalServesPlainHttp_fails() throws Exception {
    Run r = doctor("--port", http(), "--pos-key-file", keyFile.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("tls_handshake")).isEqualTo("FAIL");
    assertThat(r.out()).contains("Enable Https");
  }

  @Test
  void httpConfigured_butTerminalServesHttps_fails() throws Exception {
    Run r =
        doctor(
            "--transport",
            "http",
            "--port",
            https(),
            "--pos-key-file",
            keyFile.toString(),
            "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("tls_handshake")).isEqualTo("FAIL");
    assertThat(r.out()).contains("transport to HTTPS");
  }

  @Test
  void wrongPosKey_failsTheKeyCheck() throws Exception {
    terminal.changePosKey(TerminalConfig.randomPosKey());
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("ecr_key")).isEqualTo("FAIL");
    assertThat(r.out()).contains("POS Key List");
  }

  @Test
  void encryptionSwitchedOffInMms_failsTheKeyCheck_untilTheHubMatches() throws Exception {
    terminal.setEncryption(false);
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("ecr_key")).isEqualTo("FAIL");
    Run matched = httpsJson("--no-encryption");
    assertThat(matched.status("ecr_key")).isEqualTo("PASS");
  }

  @Test
  void loggedOutApp_failsTheLoginCheck() throws Exception {
    terminal.setFault(Fault.loggedOut());
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("app_logged_in")).isEqualTo("FAIL");
  }

  @Test
  void leafFromAnotherCa_failsTheChainCheck_andSendsNoRequest() throws Exception {
    terminal.presentForeignCertificate();
    int before = terminal.exchanges().size();
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("tls_handshake")).isEqualTo("PASS");
    assertThat(r.status("ca_chain")).isEqualTo("FAIL");
    assertThat(r.status("ecr_key")).isEqualTo("SKIPPED");
    assertThat(terminal.exchanges()).hasSize(before);
  }

  @Test
  void expiredLeaf_failsTheValidityCheck_butStillShowsItsIssuer() throws Exception {
    terminal.presentExpiredCertificate();
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("leaf_validity")).isEqualTo("FAIL");
    assertThat(r.status("ca_chain")).isEqualTo("WARN");
  }

  @Test
  void leafForAnotherIp_failsTheSanCheck_withTheAddressFix_andSendsNoRequest() throws Exception {
    // what a terminal presents after DHCP moved it: a leaf from the right CA for its old address
    terminal.presentCertificate(sim.ca().issueLeaf("10.9.9.9"));
    int before = terminal.exchanges().size();
    Run r = httpsJson();
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("leaf_san")).isEqualTo("FAIL");
    assertThat(r.field("leaf_san", "evidence")).contains("10.9.9.9").contains("127.0.0.1");
    assertThat(r.field("leaf_san", "fix")).contains("DHCP reservation");
    assertThat(r.status("leaf_validity")).isEqualTo("PASS");
    assertThat(r.status("ecr_key")).isEqualTo("SKIPPED");
    assertThat(terminal.exchanges()).hasSize(before);
  }

  @Test
  void changedLeaf_failsThePinCheck() throws Exception {
    X509Certificate before = terminal.currentLeaf();
    String pin = Fingerprint.sha256(before.getEncoded()).hex();
    Run same = doctor("--port", https(), "--ca-file", caFile.toString(), "--pin", pin, "--json");
    assertThat(same.status("leaf_pin")).isEqualTo("PASS");
    terminal.rotateCertificate();
    Run changed = doctor("--port", https(), "--ca-file", caFile.toString(), "--pin", pin, "--json");
    assertThat(changed.exitCode()).isEqualTo(2);
    assertThat(changed.status("leaf_pin")).isEqualTo("FAIL");
  }

  @Test
  void unreachableAddress_failsFast_exit2() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = doctor("--port", String.valueOf(port), "--pos-key-file", keyFile.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.status("tcp_ecr_port")).isEqualTo("FAIL");
    assertThat(r.status("tls_handshake")).isEqualTo("SKIPPED");
  }

  @Test
  void peerThatAcceptsButNeverAnswersTls_failsTheHandshakeWithinItsTimeout() throws Exception {
    // the kernel completes the TCP handshake from the backlog; nothing ever reads or writes
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Run r =
          doctor(
              "--port",
              String.valueOf(silent.getLocalPort()),
              "--timeout",
              "1",
              "--pos-key-file",
              keyFile.toString(),
              "--json");
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.status("tcp_ecr_port")).isEqualTo("PASS");
      assertThat(r.status("tls_handshake")).isEqualTo("FAIL");
      assertThat(r.field("tls_handshake", "evidence")).contains("in time");
      assertThat(r.status("ecr_key")).isEqualTo("SKIPPED");
    }
  }

  @Test
  void rawTcpPort_isCheckedWhenGiven() throws Exception {
    Run r =
        doctor(
            "--transport",
            "http",
            "--port",
            http(),
            "--tcp-port",
            String.valueOf(terminal.tcpPort()),
            "--json");
    assertThat(r.status("tcp_raw_port")).isEqualTo("PASS");
  }

  @Test
  void tcpTransport_checksTheEcrPort9001_andQueriesOverTheRawPort() throws Exception {
    String raw = String.valueOf(terminal.tcpPort());
    Run r =
        doctor("--transport", "tcp", "--port", raw, "--pos-key-file", keyFile.toString(), "--json");
    assertThat(r.status("tcp_raw_port")).isEqualTo("PASS");
    assertThat(r.field("tcp_raw_port", "evidence")).contains("127.0.0.1:" + raw);
    assertThat(r.status("ecr_key")).isEqualTo("PASS");
    // 9001 of this machine, not the simulator's: open or closed, it never fails a TCP terminal
    assertThat(r.field("tcp_ecr_port", "evidence")).contains("127.0.0.1:9001");
    assertThat(r.status("tcp_ecr_port")).isIn("PASS", "WARN");
    assertThat(r.exitCode()).isLessThan(2);
  }
}
