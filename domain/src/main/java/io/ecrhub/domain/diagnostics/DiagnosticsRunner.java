package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the checks against one target with short timeouts: TCP connect to the ECR service's port
 * (9001) and to the raw TCP port (9002) when configured, TLS probe, then one ECR query for an order
 * that does not exist (never a payment). Used by the hub and the doctor CLI.
 */
public final class DiagnosticsRunner {
  /** A terminal id for ad-hoc targets that are not registered. */
  public static final TerminalId AD_HOC = TerminalId.of("doctor");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TerminalProbe probe;
  private final TerminalChannel channel;
  private final Timeouts timeouts;
  private final Clock clock;

  /**
   * @param channel sends the ECR query; null when none is available (ECR checks are skipped)
   */
  public DiagnosticsRunner(
      TerminalProbe probe, TerminalChannel channel, Timeouts timeouts, Clock clock) {
    this.probe = Objects.requireNonNull(probe);
    this.channel = channel;
    this.timeouts = Objects.requireNonNull(timeouts);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Observes and evaluates; the report's id is {@code reportId}. */
  public DiagnosticReport run(
      String reportId,
      DiagnosticTarget target,
      NotificationFacts notifications,
      List<AddressSighting> addresses) {
    Observations o = observe(target, notifications, addresses);
    return new DiagnosticReport(
        reportId,
        target.terminalId(),
        target.address(),
        clock.instant(),
        DiagnosticsEvaluator.evaluate(target, o, clock.instant()));
  }

  /** Gathers the observations; each network step only when its prerequisite held. */
  public Observations observe(
      DiagnosticTarget t, NotificationFacts notifications, List<AddressSighting> addresses) {
    // no LAN address to probe on the cable or through QFPay's cloud
    boolean serial = t.transport() == Transport.SERIAL || t.transport() == Transport.CLOUD;
    TcpObservation ecrPort =
        serial ? null : probe.connect(t.host(), t.ecrServicePort(), timeouts.connect());
    Integer rawPort = t.rawPort();
    TcpObservation raw =
        rawPort == null || serial
            ? null
            : rawPort == t.ecrServicePort()
                ? ecrPort
                : probe.connect(t.host(), rawPort, timeouts.connect());
    TlsObservation tls = null;
    boolean httpFamily = t.transport() == Transport.HTTP || t.transport() == Transport.HTTPS;
    if (httpFamily && ecrPort.connected()) {
      tls = probe.handshake(t.host(), t.port(), timeouts.handshake());
    }
    TerminalOutcome answer = null;
    if (channel != null && t.posKey() != null && readyForEcr(t, ecrPort, raw, tls)) {
      answer = query(t);
    }
    return new Observations(ecrPort, raw, tls, answer, notifications, addresses);
  }

  private static boolean readyForEcr(
      DiagnosticTarget t, TcpObservation port, TcpObservation raw, TlsObservation tls) {
    return switch (t.transport()) {
      case SERIAL -> true;
      case CLOUD -> false; // diagnostics look at the LAN; a CLOUD terminal has none
      case TCP -> raw.connected();
      case HTTPS -> tls != null && tls.result() == TlsObservation.Result.HANDSHAKE_OK;
      case HTTP -> port.connected() && (tls == null || !tls.speaksTls());
    };
  }

  private TerminalOutcome query(DiagnosticTarget t) {
    TerminalEndpoint endpoint =
        new TerminalEndpoint(
            t.terminalId() == null ? AD_HOC : t.terminalId(),
            t.host(),
            t.port(),
            t.transport(),
            t.encryption(),
            t.posKey(),
            null,
            timeouts.connect().plus(timeouts.handshake()),
            timeouts.ecrRead());
    Duration guard =
        timeouts.connect().plus(timeouts.handshake()).plus(timeouts.ecrRead()).plusSeconds(2);
    try {
      return channel
          .send(endpoint, TerminalCommand.Query.bySyssn(nonexistentSyssn()))
          .toCompletableFuture()
          .get(guard.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new TerminalOutcome.OutcomeUnknown("no answer within " + guard.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new TerminalOutcome.OutcomeUnknown(
          "the channel failed: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TerminalOutcome.OutcomeUnknown("interrupted");
    }
  }

  /** A syssn no real transaction has: real ones start with the date (2025...). */
  static Syssn nonexistentSyssn() {
    StringBuilder sb = new StringBuilder("000000");
    for (int i = 0; i < 20; i++) {
      sb.append(RANDOM.nextInt(10));
    }
    return Syssn.of(sb.toString());
  }

  /**
   * Budgets for each step.
   *
   * @param connect TCP connect
   * @param handshake TLS handshake after connect
   * @param ecrRead the ECR answer after the request was written
   */
  public record Timeouts(Duration connect, Duration handshake, Duration ecrRead) {
    public Timeouts {
      Objects.requireNonNull(connect);
      Objects.requireNonNull(handshake);
      Objects.requireNonNull(ecrRead);
    }

    /** 2 s connect, 3 s handshake, 5 s answer. */
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }
  }
}
