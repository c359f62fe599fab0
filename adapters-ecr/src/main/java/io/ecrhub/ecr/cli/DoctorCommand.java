package io.ecrhub.ecr.cli;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.diagnostics.DiagnosticTarget;
import io.ecrhub.domain.diagnostics.DiagnosticsRunner;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Transport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doctor}: the checks of QFPay's ECR HTTPS guide against one terminal, from here. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the ECR checklist against a terminal without a running hub and without moving money:",
      "TCP reachability, TLS handshake, QFPay CA chain and fingerprints, certificate dates, IP and",
      "pin, and (with a POS key) a query for an order that does not exist.",
      "Exit code: 0 all passed, 1 warnings, 2 failures; 64 bad usage."
    })
final class DoctorCommand implements Callable<Integer> {
  private final DoctorEnvironment env;

  @Spec CommandSpec spec;

  @Option(names = "--host", required = true, description = "Terminal IP address or host name.")
  String host;

  @Option(
      names = "--port",
      description =
          "The port the hub talks to: the ECR port (default 9001), or the raw TCP port with"
              + " --transport tcp (default 9002; 9001 is then checked as well).")
  Integer port;

  @Option(
      names = "--tcp-port",
      description = "With https or http: also check the raw TCP port (usually 9002).")
  Integer tcpPort;

  @Option(
      names = "--transport",
      defaultValue = "https",
      description = "https (default), http or tcp: what the hub is configured to use.")
  String transport;

  @Option(
      names = "--pos-key-file",
      description = "File holding the POS key (or set ECRHUB_POS_KEY).")
  Path posKeyFile;

  @Option(
      names = "--encryption",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Whether MMS encryption is on (default on; --no-encryption for off).")
  boolean encryption;

  @Option(names = "--mms-https", description = "What MMS says about 'Enable Https': on or off.")
  String mmsHttps;

  @Option(names = "--app-version", description = "Haojin app version, e.g. 4.34.12.")
  String appVersion;

  @Option(names = "--pin", description = "Expected leaf SHA-256 (hex, colons allowed).")
  String pin;

  @Option(names = "--ca-file", description = "An operator CA (PEM) trusted besides QFPay's CA.")
  List<Path> caFiles = List.of();

  @Option(
      names = "--timeout",
      defaultValue = "3",
      description = "Seconds for connect and for the handshake (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  DoctorCommand(DoctorEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    DiagnosticTarget target = target();
    Duration t = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    try (DoctorEnvironment.Session s = env.open(caFiles)) {
      DiagnosticsRunner runner =
          new DiagnosticsRunner(
              s.probe(),
              s.channel(),
              new DiagnosticsRunner.Timeouts(t, t, t.multipliedBy(2)),
              Clock.systemUTC());
      DiagnosticReport r = runner.run("doctor", target, null, List.of());
      if (json) {
        ReportPrinter.json(r, describe(target), out);
      } else {
        ReportPrinter.text(r, heading(target, s.channel() != null), out);
      }
      return r.exitCode();
    }
  }

  private DiagnosticTarget target() {
    try {
      Transport tr = Transport.parse(transport);
      if (tr == Transport.SERIAL) {
        throw new EcrHubCli.UsageException(
            "the doctor checks network terminals: https, http or tcp");
      }
      int p = port == null ? tr.defaultPort() : port;
      if (p < 1 || p > 65535 || (tcpPort != null && (tcpPort < 1 || tcpPort > 65535))) {
        throw new EcrHubCli.UsageException("ports must be 1-65535");
      }
      PosKey key = KeyFiles.read(posKeyFile, System.getenv(KeyFiles.ENV));
      return new DiagnosticTarget(
          null,
          host,
          p,
          tr == Transport.TCP ? null : tcpPort,
          tr,
          encryption,
          key,
          mmsHttps == null ? null : onOff(mmsHttps),
          appVersion == null ? null : AppVersion.parse(appVersion),
          pin == null ? null : new Fingerprint(pin));
    } catch (ValidationException e) {
      throw new EcrHubCli.UsageException(e.getMessage());
    }
  }

  private static Boolean onOff(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "yes", "true", "1" -> true;
      case "off", "no", "false", "0" -> false;
      default -> throw new EcrHubCli.UsageException("--mms-https takes on or off");
    };
  }

  private static String heading(DiagnosticTarget t, boolean ecr) {
    return "ECR doctor: "
        + t.address()
        + " ("
        + t.transport()
        + ", encryption "
        + (t.encryption() ? "on" : "off")
        + (t.posKey() == null ? ", no POS key given" : ", POS key " + t.posKey().fingerprint())
        + (ecr ? "" : ", no ECR channel in this build")
        + ")";
  }

  private static Map<String, Object> describe(DiagnosticTarget t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", t.host());
    m.put("port", t.port());
    m.put("transport", t.transport().name());
    m.put("encryption", t.encryption());
    m.put("posKeyGiven", t.posKey() != null);
    return m;
  }
}
