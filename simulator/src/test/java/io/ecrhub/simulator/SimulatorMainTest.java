package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.EcrFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorMainTest {

  @Test
  void main_startsThreeTerminalsAndPrintsThem(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      SimulatorMain.main(
          new String[] {
            "--terminals",
            "3",
            "--https-port",
            "0",
            "--tcp-port",
            "0",
            "--ca-out",
            dir.toString(),
            "--run-for-ms",
            "0"
          });
    } finally {
      System.setOut(original);
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines).filteredOn(l -> l.startsWith("sim-")).hasSize(3);
    assertThat(lines.get(0))
        .matches(
            "sim-1  HTTPS 127\\.0\\.0\\.1:\\d+  TCP 127\\.0\\.0\\.1:\\d+  POS key [0-9a-f]{32}  encryption on");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("CA certificate").contains(dir.toString()));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Notifications: off"));
    assertThat(dir.resolve("ecrhub-simulator-ca.pem")).exists();
  }

  @Test
  void launchedTerminal_servesTheKeyAndCaItPrinted(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TerminalSimulator sim =
        SimulatorMain.launch(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            "--terminals",
            "2",
            "--https-port",
            "0",
            "--tcp-port",
            "-1",
            "--ca-out",
            dir.toString(),
            "--notify-url",
            "http://127.0.0.1:9/n",
            "--notify-key",
            "k")) {
      String out = buf.toString(StandardCharsets.UTF_8);
      Matcher m =
          Pattern.compile("sim-2  HTTPS 127\\.0\\.0\\.1:(\\d+)  POS key (\\w+)").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      X509Certificate ca;
      try (var in = Files.newInputStream(dir.resolve("ecrhub-simulator-ca.pem"))) {
        ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      SimulatedTerminal t = sim.terminal("sim-2");
      assertThat(t.posKey()).isEqualTo(m.group(2));
      assertThat(t.tcpPort()).isEqualTo(-1);
      assertThat(out).contains("Notifications: http://127.0.0.1:9/n");

      EcrTestClient client =
          new EcrTestClient(t, URI.create("https://127.0.0.1:" + m.group(1)), ca);
      assertThat(client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("1")).respcd())
          .isEqualTo("6002");
    }
  }

  @Test
  void plainHttpOption_servesHttpInsteadOfHttps() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TerminalSimulator sim =
        SimulatorMain.launch(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            "--http",
            "--https-port",
            "0",
            "--tcp-port",
            "0",
            "--encryption",
            "off")) {
      SimulatedTerminal t = sim.terminal(0);
      assertThat(t.httpsPort()).isEqualTo(-1);
      assertThat(t.encryption()).isFalse();
      assertThat(buf.toString(StandardCharsets.UTF_8))
          .contains("sim-1  HTTP 127.0.0.1:" + t.httpPort());
      EcrTestClient client = new EcrTestClient(t, t.httpUri(), t.caCertificate());
      assertThat(
              client.send(EcrFunction.PRINT_SUMMARY, java.util.Map.of("func_type", 3002)).respcd())
          .isEqualTo("6000");
    }
  }

  @Test
  void pkiDir_keepsTheSameCaAcrossRestarts(@TempDir Path dir) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    X509Certificate first;
    try (TerminalSimulator sim =
        SimulatorMain.launch(
            quiet, "--https-port", "0", "--tcp-port", "-1", "--pki-dir", dir.toString())) {
      first = sim.ca().certificate();
    }
    try (TerminalSimulator sim =
        SimulatorMain.launch(
            quiet, "--https-port", "0", "--tcp-port", "-1", "--pki-dir", dir.toString())) {
      assertThat(sim.ca().certificate()).isEqualTo(first);
      sim.terminal(0).currentLeaf().verify(first.getPublicKey());
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("ca-key.pem")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void invalidOption_isRejectedWithAReason() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cl = new CommandLine(new SimulatorMain());
    cl.setErr(new java.io.PrintWriter(err));

    int code = cl.execute("--encryption", "maybe");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("expected on or off: maybe");
  }
}
