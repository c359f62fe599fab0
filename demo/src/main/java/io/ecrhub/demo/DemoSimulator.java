package io.ecrhub.demo;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.wiring.ExtraCaFiles;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.SimulatorPki;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Demo mode only: simulated QFPay terminals inside the hub, on 127.0.0.1 over HTTPS with their own
 * CA (kept under {@code ecrhub.demo-mode.pki-dir}, its private key owner read/write only), which
 * the terminal channel then trusts (this bean is an {@link ExtraCaFiles}).
 */
@ApplicationScoped
public class DemoSimulator implements ExtraCaFiles {
  private final HubConfig config;
  private final DemoConfig demo;
  private TerminalSimulator simulator;
  private Path caFile;

  @Inject
  public DemoSimulator(HubConfig config, DemoConfig demo) {
    this.config = config;
    this.demo = demo;
  }

  public boolean enabled() {
    return config.demo();
  }

  /** The running simulator (started on first use), or empty outside demo mode. */
  public synchronized Optional<TerminalSimulator> simulator() {
    if (!config.demo()) {
      return Optional.empty();
    }
    if (simulator == null) {
      start();
    }
    return Optional.of(simulator);
  }

  /** The simulator CA as a PEM file, for the channel's trust anchors (empty outside demo). */
  public Optional<Path> caFile() {
    return simulator().map(s -> caFile);
  }

  @Override
  public List<Path> caFiles() {
    return caFile().stream().toList();
  }

  private void start() {
    SimulatorConfig.Builder b = SimulatorConfig.builder().host("127.0.0.1").ca(ca(demo.pkiDir()));
    for (int i = 1; i <= demo.terminals(); i++) {
      b.terminal(TerminalConfig.builder("demo-" + i).cardWait(demo.cardWait()).build());
    }
    simulator = TerminalSimulator.start(b.build());
    try {
      caFile = simulator.writeCaPem(demo.pkiDir().resolve("ca-for-hub.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo CA", e);
    }
  }

  private static SimulatorPki.Ca ca(Path dir) {
    Path cert = dir.resolve("ca.pem");
    Path key = dir.resolve("ca-key.pem");
    try {
      if (Files.exists(cert) && Files.exists(key)) {
        ownerOnly(key); // a key file copied or created by hand with wider permissions
        return SimulatorPki.loadCa(cert, key);
      }
      Files.createDirectories(dir);
      SimulatorPki.Ca ca = SimulatorPki.newCa("ECR Hub demo CA");
      SimulatorPki.save(ca, cert, key);
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo CA in " + dir, e);
    }
  }

  private static void ownerOnly(Path key) throws IOException {
    if (Files.getFileStore(key).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          key, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  public List<io.ecrhub.simulator.SimulatedTerminal> terminals() {
    return simulator().map(TerminalSimulator::terminals).orElse(List.of());
  }

  @PreDestroy
  synchronized void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}
