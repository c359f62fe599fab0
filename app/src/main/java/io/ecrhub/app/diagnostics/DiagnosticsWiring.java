package io.ecrhub.app.diagnostics;

import io.ecrhub.domain.certificate.TrustAnchors;
import io.ecrhub.domain.diagnostics.DiagnoseTerminal;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.diagnostics.DiagnosticsRunner;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.diagnostics.TerminalDiagnostics;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.RecordTerminalSignal;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.ecrhub.ecr.cli.ConnectorTerminalProbe;
import io.ecrhub.ecr.cli.ProcNetArpTable;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires diagnostics: the probe over the channel's connector with the hub's trust anchors (QFPay's
 * CA plus {@code ecrhub.ecr.trust.extra-ca-files}), and the hub's {@link TerminalChannel} when one
 * is wired (so the diagnostic query shares its single flight), otherwise a channel of its own; the
 * terminal's MAC for the DHCP-reservation fix from the neighbour table ({@code
 * ecrhub.diagnostics.arp-table}).
 */
@ApplicationScoped
public class DiagnosticsWiring {
  private final TrustAnchors anchors;
  private final ConnectorTerminalProbe probe;
  private final ExecutorService blocking;
  private NettyTerminalChannel ownChannel;

  @Inject
  public DiagnosticsWiring(TrustAnchors anchors) {
    this.anchors = anchors;
    this.probe = new ConnectorTerminalProbe(anchors);
    this.blocking =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "diagnostics-blocking");
              t.setDaemon(true);
              return t;
            });
  }

  @Produces
  @Singleton
  DiagnoseTerminal diagnose(
      Terminals terminals,
      MmsDeviceSettings mms,
      CertificatePins pins,
      NotificationHealth notifications,
      AddressHistory addresses,
      DiagnosticResults results,
      RecordTerminalSignal signals,
      Instance<TerminalChannel> channels,
      DiagnosticsConfig config,
      IdGenerator ids,
      Clock clock) {
    TerminalChannel channel = channels.isResolvable() ? channels.get() : ownChannel(pins, clock);
    DiagnosticsRunner runner =
        new DiagnosticsRunner(
            probe,
            channel,
            new DiagnosticsRunner.Timeouts(
                config.connectTimeout(), config.handshakeTimeout(), config.ecrReadTimeout()),
            clock);
    return new TerminalDiagnostics(
        terminals,
        mms,
        pins,
        notifications,
        addresses,
        new ProcNetArpTable(config.arpTable()),
        results,
        signals,
        runner,
        ids,
        clock);
  }

  private synchronized TerminalChannel ownChannel(CertificatePins pins, Clock clock) {
    if (ownChannel == null) {
      ChannelSettings d = ChannelSettings.defaults();
      ownChannel =
          new NettyTerminalChannel(
              new ChannelSettings(
                  1,
                  d.maxResponseBytes(),
                  d.connectTimeout(),
                  d.businessReadTimeout(),
                  d.shortReadTimeout(),
                  d.keepAliveIdle(),
                  0,
                  d.serialAckTimeout()),
              anchors,
              pins,
              blocking,
              clock);
    }
    return ownChannel;
  }

  void close(@Observes ShutdownEvent e) {
    if (ownChannel != null) {
      ownChannel.close();
    }
    probe.close();
    blocking.shutdownNow();
  }
}
