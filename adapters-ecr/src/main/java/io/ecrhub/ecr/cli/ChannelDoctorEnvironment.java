package io.ecrhub.ecr.cli;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.diagnostics.TerminalProbe;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import io.ecrhub.ecr.tls.TrustAnchorException;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The doctor's environment: QFPay's CA (fingerprint-checked) plus any {@code --ca-file}, the
 * diagnostics probe over the channel's connector, and a {@link NettyTerminalChannel} for the ECR
 * query. Pins are not kept here (the doctor compares with {@code --pin} instead).
 */
final class ChannelDoctorEnvironment implements DoctorEnvironment {
  @Override
  public Session open(List<Path> extraCaFiles) {
    QfpayTrustAnchors anchors;
    try {
      anchors = new QfpayTrustAnchors(extraCaFiles);
    } catch (TrustAnchorException e) {
      throw new EcrHubCli.UsageException(e.getMessage());
    }
    ConnectorTerminalProbe probe = new ConnectorTerminalProbe(anchors);
    ExecutorService blocking =
        Executors.newCachedThreadPool(new DefaultThreadFactory("doctor", true));
    NettyTerminalChannel channel =
        new NettyTerminalChannel(
            new ChannelSettings(
                1,
                EcrCodec.MAX_BODY_BYTES,
                ChannelSettings.DEFAULT_CONNECT_TIMEOUT,
                ChannelSettings.DEFAULT_BUSINESS_READ_TIMEOUT,
                ChannelSettings.DEFAULT_SHORT_READ_TIMEOUT,
                Duration.ofSeconds(1),
                0,
                Duration.ofSeconds(1)),
            anchors,
            new NoPins(),
            blocking,
            Clock.systemUTC());
    return new Session() {
      @Override
      public TerminalProbe probe() {
        return probe;
      }

      @Override
      public TerminalChannel channel() {
        return channel;
      }

      @Override
      public void close() {
        channel.close();
        probe.close();
        blocking.shutdownNow();
      }
    };
  }

  /** The doctor keeps no pins: every leaf is "first seen"; {@code --pin} is checked apart. */
  private static final class NoPins implements CertificatePins {
    @Override
    public Optional<CertificatePin> find(TerminalId terminalId) {
      return Optional.empty();
    }

    @Override
    public void pinFirst(TerminalId terminalId, LeafCertificate leaf, Instant at) {}

    @Override
    public void recordRejected(TerminalId terminalId, LeafCertificate leaf, Instant at) {}

    @Override
    public boolean approvePending(TerminalId terminalId, Fingerprint sha256, Instant at) {
      return false;
    }

    @Override
    public void clear(TerminalId terminalId) {}
  }
}
