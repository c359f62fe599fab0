package io.ecrhub.ecr.cli;

import io.ecrhub.domain.diagnostics.TerminalProbe;
import io.ecrhub.domain.terminal.TerminalChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Port of the doctor CLI: where its network probes and its ECR channel come from, so tests and
 * other builds can plug their own.
 */
public interface DoctorEnvironment {
  /**
   * Opens the probe and channel for one run.
   *
   * @param extraCaFiles operator-configured CA certificates (PEM) trusted besides QFPay's CA
   */
  Session open(List<Path> extraCaFiles) throws Exception;

  /** The probe and channel of one run; closing releases threads and sockets. */
  interface Session extends AutoCloseable {
    TerminalProbe probe();

    /** The ECR channel, or null when this build has none (ECR checks are skipped). */
    TerminalChannel channel();

    @Override
    void close();
  }
}
