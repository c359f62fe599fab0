package io.ecrhub.simulator;

import io.ecrhub.simulator.serial.SerialTerminalServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for one or many QFPay terminals (Haojin app) and for QFPay's notification sender, for
 * tests, demos and the README's run command. Start it with {@link #start(SimulatorConfig)}, reach
 * the terminals through {@link #terminal(int)}, close it when done:
 *
 * <pre>{@code
 * try (TerminalSimulator sim = TerminalSimulator.start(SimulatorConfig.single())) {
 *   SimulatedTerminal t = sim.terminal(0);
 *   // POST https://127.0.0.1:<t.httpsPort()>/api/pos/trade, trusting t.caCertificate() only
 * }
 * }</pre>
 *
 * All terminals share one CA (as all real terminals chain to QFPay's), two Netty event-loop groups
 * (daemon threads) and one notifier. A terminal configured with a serial device is also served over
 * USB serial ({@link #serial(String)}).
 */
public final class TerminalSimulator implements AutoCloseable {
  private final SimulatorContext ctx;
  private final List<SimulatedTerminal> terminals = new ArrayList<>();
  private final Map<String, SerialTerminalServer> serial = new LinkedHashMap<>();
  private final List<QfpayCloudStandIn> clouds = new ArrayList<>();

  private TerminalSimulator(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  /** Starts every configured terminal; on any failure, stops what was started and throws. */
  public static TerminalSimulator start(SimulatorConfig config) {
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("sim-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("sim-io", true));
    SimulatorContext ctx =
        new SimulatorContext(
            config.host(),
            config.certificateHost(),
            config.ca() != null ? config.ca() : SimulatorPki.newCa("ECR Hub Simulator CA"),
            config.serverCertificate(),
            boss,
            workers,
            new QfpayNotifier(config.retryCompression(), config.refundNotifyType(), config.clock()),
            config.clock(),
            // each simulator starts its syssn sequence somewhere of its own, so two simulators
            // issuing in the same second (one per merchant in a test) never issue the same syssn,
            // as QFPay never does; the hub refuses a syssn already on another payment
            new AtomicLong(new SecureRandom().nextLong(1_000_000_000L)),
            new SecureRandom());
    TerminalSimulator sim = new TerminalSimulator(ctx);
    try {
      int n = 0;
      for (TerminalConfig tc : config.terminals()) {
        SimulatedTerminal t = new SimulatedTerminal(ctx, ++n, tc);
        sim.terminals.add(t);
        if (tc.serialDevice() != null) {
          sim.serial.put(t.id(), openSerial(t, tc.serialDevice(), config));
        }
      }
      return sim;
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  private static SerialTerminalServer openSerial(
      SimulatedTerminal t, String device, SimulatorConfig config) {
    try {
      return SerialTerminalServer.open(t, device, config.serialAckTimeout());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve terminal " + t.id() + " on serial device " + device, e);
    }
  }

  /** The terminals, in configuration order. */
  public List<SimulatedTerminal> terminals() {
    return List.copyOf(terminals);
  }

  /** The {@code index}-th terminal (0-based). */
  public SimulatedTerminal terminal(int index) {
    return terminals.get(index);
  }

  /** The terminal with this id. */
  public SimulatedTerminal terminal(String id) {
    return terminals.stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no simulated terminal " + id));
  }

  /** The USB-serial server of terminal {@code id}, when it was configured with a serial device. */
  public Optional<SerialTerminalServer> serial(String id) {
    return Optional.ofNullable(serial.get(id));
  }

  /**
   * Starts a QFPay cloud stand-in (Open API and ECR cloud) over these terminals' ledgers: a payment
   * made on a terminal is visible to its queries; it stops with the simulator.
   */
  public synchronized QfpayCloudStandIn startCloud(CloudStandInConfig config) {
    QfpayCloudStandIn cloud = new QfpayCloudStandIn(ctx, terminals, config);
    clouds.add(cloud);
    return cloud;
  }

  /** The CA every terminal's leaf chains to. */
  public SimulatorPki.Ca ca() {
    return ctx.ca();
  }

  public String caCertificatePem() {
    return ctx.ca().certificatePem();
  }

  /** Writes the CA certificate as PEM to {@code file} and returns it. */
  public Path writeCaPem(Path file) throws IOException {
    return Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
  }

  /** QFPay's notification sender stand-in (all terminals' notifications). */
  public QfpayNotifier notifier() {
    return ctx.notifier();
  }

  /**
   * Stops the serial servers, all listeners, the notifier (pending retries are dropped) and the
   * event loops.
   */
  @Override
  public void close() {
    synchronized (this) {
      clouds.forEach(QfpayCloudStandIn::close);
    }
    for (SerialTerminalServer s : serial.values()) {
      s.close();
    }
    for (SimulatedTerminal t : terminals) {
      t.close();
    }
    ctx.notifier().close();
    ctx.boss().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    ctx.workers().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
