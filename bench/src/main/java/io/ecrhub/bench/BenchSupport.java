package io.ecrhub.bench;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the load drivers share: arguments, the channel's inputs, the environment, result files. */
public final class BenchSupport {
  /** Held so the JUL level set below is not garbage collected with its logger. */
  private static final Logger CHANNEL_LOGS = Logger.getLogger("io.ecrhub");

  private BenchSupport() {}

  /** {@code --name value} from {@code args}, else {@code fallback}. */
  public static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  public static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(arg(args, name, String.valueOf(fallback)));
  }

  /**
   * The channel logs one INFO line per request; on the console that is console I/O, not channel
   * work, so the drivers keep WARNING and above only.
   */
  public static void quietChannelLogs() {
    CHANNEL_LOGS.setLevel(Level.WARNING);
  }

  /** QFPay's CA plus the simulator's CA (as an operator-configured CA file), nothing else. */
  static QfpayTrustAnchors anchorsWith(String caPem) throws IOException {
    Path dir = Files.createTempDirectory("ecrhub-bench-ca");
    Path file =
        Files.writeString(dir.resolve("simulator-ca.pem"), caPem, StandardCharsets.US_ASCII);
    try {
      return new QfpayTrustAnchors(List.of(file));
    } finally {
      Files.delete(file);
      Files.delete(dir);
    }
  }

  /** A fixed pool of daemon threads (the channel's blocking executor). */
  static ExecutorService daemonPool(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  public static TerminalCommand.Pay pay(String reference) {
    return new TerminalCommand.Pay(
        Money.of("10.00", "HKD"), Channel.CARD_PAYMENT, OutTradeNo.of(reference), null);
  }

  /** A terminal on 127.0.0.1 with the channel's default timeouts for a trade. */
  static TerminalEndpoint endpoint(String id, int port, Transport transport, String posKey) {
    ChannelSettings d = ChannelSettings.defaults();
    return new TerminalEndpoint(
        TerminalId.of(id),
        "127.0.0.1",
        port,
        transport,
        true,
        PosKey.of(posKey),
        TcpFraming.HALF_CLOSE,
        d.connectTimeout(),
        d.businessReadTimeout());
  }

  /** JDK, cores, load average and heap limit of this JVM, for the result file. */
  public static Map<String, Object> environment() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("load_average_1m", loadAverage());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return m;
  }

  public static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100)
        / 100.0;
  }

  /** {@code bench/results/<name>-<UTC time>.<ext>} (or under {@code --out}). */
  public static Path resultFile(String[] args, String name, String ext) throws IOException {
    Path dir = Path.of(arg(args, "out", "bench/results"));
    Files.createDirectories(dir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return dir.resolve(name + "-" + stamp + "." + ext);
  }

  /** Maps, lists, strings, numbers and booleans as indented JSON. */
  public static String json(Object value) {
    StringBuilder sb = new StringBuilder();
    json(sb, value, "");
    return sb.append('\n').toString();
  }

  private static void json(StringBuilder sb, Object v, String indent) {
    switch (v) {
      case null -> sb.append("null");
      case Map<?, ?> m -> {
        sb.append("{");
        String sep = "\n";
        for (var e : m.entrySet()) {
          sb.append(sep).append(indent).append("  ");
          json(sb, String.valueOf(e.getKey()), indent);
          sb.append(": ");
          json(sb, e.getValue(), indent + "  ");
          sep = ",\n";
        }
        sb.append(m.isEmpty() ? "}" : "\n" + indent + "}");
      }
      case List<?> l -> {
        sb.append("[");
        String sep = "\n";
        for (Object o : l) {
          sb.append(sep).append(indent).append("  ");
          json(sb, o, indent + "  ");
          sep = ",\n";
        }
        sb.append(l.isEmpty() ? "]" : "\n" + indent + "]");
      }
      case Number n -> sb.append(n);
      case Boolean b -> sb.append(b);
      default ->
          sb.append('"')
              .append(
                  String.valueOf(v)
                      .replace("\\", "\\\\")
                      .replace("\"", "\\\"")
                      .replace("\n", "\\n"))
              .append('"');
    }
  }
}
