package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.merchant.MmsDeviceSetting;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.RecordTerminalSignal;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import java.time.Clock;

/**
 * {@link DiagnoseTerminal} for registered terminals: assembles the target from the registry, the
 * MMS import, the pins, notification facts and address history; runs; stores; updates status. Holds
 * no database transaction across the network checks. When the terminal answers, its address is
 * recorded with the MAC the hub's neighbour table shows for it, if any.
 */
public final class TerminalDiagnostics implements DiagnoseTerminal {
  private final Terminals terminals;
  private final MmsDeviceSettings mms;
  private final CertificatePins pins;
  private final NotificationHealth notifications;
  private final AddressHistory addresses;
  private final NeighbourTable neighbours;
  private final DiagnosticResults results;
  private final RecordTerminalSignal signals;
  private final DiagnosticsRunner runner;
  private final IdGenerator ids;
  private final Clock clock;

  public TerminalDiagnostics(
      Terminals terminals,
      MmsDeviceSettings mms,
      CertificatePins pins,
      NotificationHealth notifications,
      AddressHistory addresses,
      NeighbourTable neighbours,
      DiagnosticResults results,
      RecordTerminalSignal signals,
      DiagnosticsRunner runner,
      IdGenerator ids,
      Clock clock) {
    this.terminals = terminals;
    this.mms = mms;
    this.pins = pins;
    this.notifications = notifications;
    this.addresses = addresses;
    this.neighbours = neighbours;
    this.results = results;
    this.signals = signals;
    this.runner = runner;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public DiagnosticReport diagnose(TerminalId id) {
    Terminal t =
        terminals
            .findById(id)
            .orElseThrow(() -> new NotFoundException("TERMINAL_NOT_FOUND", "no terminal " + id));
    Boolean mmsHttps = t.deviceId().flatMap(mms::find).map(MmsDeviceSetting::https).orElse(null);
    Fingerprint pinned =
        pins.find(id).map(CertificatePin::pinned).map(l -> l.sha256()).orElse(null);
    DiagnosticTarget target = DiagnosticTarget.of(t, mmsHttps, pinned);
    Observations o =
        runner.observe(target, notifications.forTerminal(id).orElse(null), addresses.history(id));
    if (o.ecrAnswer() != null && DiagnosticsEvaluator.answered(o.ecrAnswer())) {
      // read after the probes, which made the hub's system resolve the terminal's MAC if it can
      addresses.seen(id, t.host(), neighbours.macAddress(t.host()).orElse(null), clock.instant());
      o =
          new Observations(
              o.ecrPort(),
              o.rawTcpPort(),
              o.tls(),
              o.ecrAnswer(),
              o.notifications(),
              addresses.history(id));
    }
    DiagnosticReport report =
        new DiagnosticReport(
            ids.next(),
            id,
            target.address(),
            clock.instant(),
            DiagnosticsEvaluator.evaluate(target, o, clock.instant()));
    results.save(report);
    // the ECR answer is the more specific signal: a TLS probe that matches the transport must not
    // reset a drift status the answer is about to set again (that would audit the drift per run)
    if (o.tls() != null
        && (t.transport() == Transport.HTTPS || t.transport() == Transport.HTTP)
        && (o.ecrAnswer() == null
            || TerminalHealth.interpretTlsProbe(t.transport(), o.tls().speaksTls()).isProblem())) {
      signals.tlsProbe(id, o.tls().speaksTls());
    }
    if (o.ecrAnswer() != null) {
      signals.outcome(id, o.ecrAnswer());
    } else {
      // the port the hub talks to: a TCP terminal's raw port, else the ECR service's
      TcpObservation used = t.transport() == Transport.TCP ? o.rawTcpPort() : o.ecrPort();
      if (used != null && !used.connected()) {
        signals.outcome(
            id,
            new io.ecrhub.domain.terminal.TerminalOutcome.NotSent(
                io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause.CONNECT_FAILED,
                used.error()));
      }
    }
    return report;
  }

  @Override
  public FleetSummary fleet() {
    return FleetSummary.of(
        terminals.all().stream().map(Terminal::id).toList(),
        results.latestPerTerminal(),
        clock.instant());
  }
}
