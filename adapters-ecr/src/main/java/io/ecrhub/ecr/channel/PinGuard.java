package io.ecrhub.ecr.channel;

import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Trust on first use, then the pin: the first trusted leaf a terminal presents is pinned; a
 * different one is refused (and recorded for an operator to approve) before any request byte is
 * written. The port may block (database), so it is only ever called on the blocking executor.
 */
final class PinGuard {
  private final CertificatePins pins;
  private final Executor executor;
  private final Clock clock;

  PinGuard(CertificatePins pins, Executor executor, Clock clock) {
    this.pins = pins;
    this.executor = executor;
    this.clock = clock;
  }

  /** Completes with null when {@code leaf} may be used, else with the refusal. */
  CompletableFuture<NotSent> check(TerminalId terminal, LeafCertificate leaf) {
    try {
      return CompletableFuture.supplyAsync(() -> decide(terminal, leaf), executor)
          .exceptionally(
              e ->
                  new NotSent(
                      NotSentCause.CONFIGURATION,
                      "the certificate pin of terminal " + terminal + " could not be checked",
                      leaf));
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          new NotSent(NotSentCause.CHANNEL_CLOSED, "the terminal channel is closed", leaf));
    }
  }

  private NotSent decide(TerminalId terminal, LeafCertificate leaf) {
    Optional<CertificatePin> pin = pins.find(terminal).filter(p -> p.pinned() != null);
    if (pin.isEmpty()) {
      pins.pinFirst(terminal, leaf, clock.instant());
      pin = pins.find(terminal).filter(p -> p.pinned() != null);
      if (pin.isEmpty()) {
        return null;
      }
    }
    if (pin.get().matches(leaf.sha256())) {
      return null;
    }
    pins.recordRejected(terminal, leaf, clock.instant());
    return new NotSent(
        NotSentCause.CERTIFICATE_CHANGED,
        "terminal "
            + terminal
            + " presented certificate SHA-256 "
            + leaf.sha256()
            + " but is pinned to "
            + pin.get().pinned().sha256()
            + "; an operator must approve the new certificate",
        leaf);
  }
}
