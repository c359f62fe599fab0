package io.ecrhub.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Standalone simulator: {@code java -jar simulator/target/ecrhub-simulator.jar --terminals 3}.
 * Terminal {@code n} (0-based) listens on {@code https-port + 10n} and {@code tcp-port + 10n}
 * (9001/9002, 9011/9012, ...), so ports never collide. The i-th {@code --serial-device} serves
 * terminal i over USB serial as well (e.g. the POS end of a socat pty pair). Prints each terminal's
 * transport, address and POS key, where the CA PEM was written and where notifications go, then
 * runs until stopped.
 */
@Command(
    name = "ecrhub-simulator",
    mixinStandardHelpOptions = true,
    description = "Simulates QFPay ECR terminals (Haojin app) and QFPay's notification sender.")
public final class SimulatorMain implements Callable<Integer> {
  /** Port distance between consecutive terminals. */
  static final int PORT_STEP = 10;

  @Option(names = "--terminals", description = "Number of terminals (default ${DEFAULT-VALUE}).")
  int terminals = 1;

  @Option(names = "--host", description = "Bind address (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--cert-host", description = "IP/name in the leaf's SAN (default: --host).")
  String certHost;

  @Option(names = "--https-port", description = "First terminal's HTTP(S) port, 0 = any.")
  int httpsPort = 9001;

  @Option(names = "--http", description = "Serve plain HTTP instead of HTTPS on that port.")
  boolean plainHttp;

  @Option(names = "--tcp-port", description = "First terminal's TCP port, 0 = any, -1 = off.")
  int tcpPort = 9002;

  @Option(names = "--pos-key", description = "POS key for every terminal (default: random each).")
  String posKey;

  @Option(
      names = "--encryption",
      arity = "1",
      converter = OnOff.class,
      description = "Require encrypted requests: on|off (default on).")
  boolean encryption = true;

  @Option(
      names = "--encrypt-responses",
      arity = "1",
      converter = OnOff.class,
      description = "Encrypt responses too: on|off (default off).")
  boolean encryptResponses;

  @Option(names = "--card-wait-ms", description = "Card wait per payment (default 3000).")
  long cardWaitMs = 3000;

  @Option(names = "--decline-cents", description = "Decline amounts whose cents equal this.")
  Integer declineCents;

  @Option(names = "--notify-url", description = "Where QFPay's notifications are POSTed.")
  URI notifyUrl;

  @Option(names = "--notify-key", description = "Notification key signing X-QF-SIGN.")
  String notifyKey;

  @Option(names = "--refund-notify-type", description = "refund (docs) or cancel (Odoo).")
  String refundNotifyType = "refund";

  @Option(names = "--retry-compression", description = "Divide QFPay's retry gaps by this.")
  double retryCompression = 1;

  @Option(names = "--ca-out", description = "Directory for the CA PEM (default: a temp dir).")
  Path caOut;

  @Option(
      names = "--pki-dir",
      description =
          "Keep the CA across restarts: load ca.pem + ca-key.pem from DIR, or create and save them.")
  Path pkiDir;

  @Option(
      names = "--serial-device",
      paramLabel = "PATH",
      description =
          "Also serve a terminal over USB serial on PATH (the POS end, e.g. /dev/pts/3);"
              + " repeat for terminals 2, 3, ...")
  List<String> serialDevices = new ArrayList<>();

  @Option(
      names = "--cloud-port",
      description =
          "Also serve a QFPay cloud stand-in (Open API + ECR cloud) on this port, 0 = any.")
  Integer cloudPort;

  @Option(names = "--cloud-app-code", description = "App code cloud requests must carry.")
  String cloudAppCode = "SIMULATORAPPCODE";

  @Option(names = "--cloud-client-key", description = "Client key cloud requests are signed with.")
  String cloudClientKey;

  @Option(names = "--cloud-mchid", description = "mchid cloud requests must carry (default none).")
  String cloudMchid;

  @Option(
      names = "--cloud-refund-window",
      description =
          "Hong Kong times of day the cloud refuses refunds (1265), HH:MM-HH:MM"
              + " (default ${DEFAULT-VALUE}, as QFPay documents).")
  String cloudRefundWindow = "23:30-00:30";

  @Option(names = "--run-for-ms", hidden = true, description = "Stop after this long (tests).")
  long runForMs = -1;

  public static void main(String[] args) {
    io.ecrhub.ecr.cli.CommandLineJvm.prepare();
    int code = new CommandLine(new SimulatorMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Parses {@code args}, starts the simulator, prints its summary to {@code out}, returns it. */
  public static TerminalSimulator launch(PrintStream out, String... args) throws IOException {
    CommandLine cl = new CommandLine(new SimulatorMain());
    cl.parseArgs(args);
    SimulatorMain m = cl.getCommand();
    return m.startAndPrint(out);
  }

  @Override
  public Integer call() throws Exception {
    TerminalSimulator sim = startAndPrint(System.out);
    if (runForMs >= 0) {
      Thread.sleep(runForMs);
      sim.close();
      return 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "sim-shutdown"));
    new CountDownLatch(1).await();
    return 0;
  }

  TerminalSimulator startAndPrint(PrintStream out) throws IOException {
    if (terminals < 1 || terminals > 99) {
      throw new IllegalArgumentException("--terminals must be 1-99");
    }
    if (serialDevices.size() > terminals) {
      throw new IllegalArgumentException(
          serialDevices.size() + " --serial-device for " + terminals + " terminal(s)");
    }
    SimulatorConfig.Builder b =
        SimulatorConfig.builder()
            .host(host)
            .certificateHost(certHost)
            .retryCompression(retryCompression)
            .refundNotifyType(refundNotifyType)
            .ca(pkiDir == null ? null : persistentCa(pkiDir));
    for (int n = 0; n < terminals; n++) {
      b.terminal(
          TerminalConfig.builder("sim-" + (n + 1))
              .posKey(posKey != null ? posKey : TerminalConfig.randomPosKey())
              .encryption(encryption)
              .encryptResponses(encryptResponses)
              .httpsPort(plainHttp ? TerminalConfig.DISABLED : port(httpsPort, n))
              .httpPort(plainHttp ? port(httpsPort, n) : TerminalConfig.DISABLED)
              .tcpPort(port(tcpPort, n))
              .cardWait(Duration.ofMillis(cardWaitMs))
              .declineCents(declineCents)
              .notify(notifyUrl, notifyKey)
              .serialDevice(n < serialDevices.size() ? serialDevices.get(n) : null)
              .build());
    }
    TerminalSimulator sim = TerminalSimulator.start(b.build());
    Path dir =
        caOut != null ? Files.createDirectories(caOut) : Files.createTempDirectory("ecrhub-sim");
    Path ca = sim.writeCaPem(dir.resolve("ecrhub-simulator-ca.pem"));
    for (SimulatedTerminal t : sim.terminals()) {
      StringBuilder line = new StringBuilder(t.id());
      if (t.httpsPort() > 0) {
        line.append("  HTTPS ").append(hostPort(t, t.httpsPort()));
      }
      if (t.httpPort() > 0) {
        line.append("  HTTP ").append(hostPort(t, t.httpPort()));
      }
      if (t.tcpPort() > 0) {
        line.append("  TCP ").append(hostPort(t, t.tcpPort()));
      }
      sim.serial(t.id()).ifPresent(s -> line.append("  SERIAL ").append(s.devicePath()));
      line.append("  POS key ").append(t.posKey());
      line.append("  encryption ").append(encryption ? "on" : "off");
      out.println(line);
    }
    out.println("CA certificate (trust it in the hub): " + ca.toAbsolutePath());
    if (cloudPort != null) {
      String key = cloudClientKey != null ? cloudClientKey : TerminalConfig.randomPosKey();
      QfpayCloudStandIn cloud =
          sim.startCloud(
              new CloudStandInConfig(
                  host,
                  cloudPort,
                  false,
                  cloudAppCode,
                  key,
                  cloudMchid,
                  CloudRefundWindow.parse(cloudRefundWindow, java.time.Clock.systemUTC())));
      out.println(
          "QFPay cloud: "
              + cloud.baseUri()
              + "  app code "
              + cloudAppCode
              + "  client key "
              + key
              + (cloudMchid == null ? "" : "  mchid " + cloudMchid)
              + "  refunds refused "
              + cloudRefundWindow);
    }
    out.println(
        "Notifications: "
            + (notifyUrl == null || notifyKey == null
                ? "off (set --notify-url and --notify-key)"
                : notifyUrl + " (notify_type " + refundNotifyType + " for refunds)"));
    out.flush();
    return sim;
  }

  /** Loads the CA saved in {@code dir}, or creates one there (key readable by the owner only). */
  static SimulatorPki.Ca persistentCa(Path dir) throws IOException {
    Path cert = dir.resolve("ca.pem");
    Path key = dir.resolve("ca-key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      return SimulatorPki.loadCa(cert, key);
    }
    Files.createDirectories(dir);
    SimulatorPki.Ca ca = SimulatorPki.newCa("ECR Hub Simulator CA");
    Files.deleteIfExists(key);
    try {
      Files.createFile(
          key,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(key); // not a POSIX file system
    }
    SimulatorPki.save(ca, cert, key);
    return ca;
  }

  private static int port(int base, int n) {
    return base <= 0 ? base : base + PORT_STEP * n;
  }

  private static String hostPort(SimulatedTerminal t, int port) {
    return t.hostForUri() + ":" + port;
  }

  /** {@code on}/{@code off} (also true/false, yes/no). */
  static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "on", "true", "yes" -> true;
        case "off", "false", "no" -> false;
        default -> throw new CommandLine.TypeConversionException("expected on or off: " + value);
      };
    }
  }
}
