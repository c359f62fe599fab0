package io.ecrhub.app.wiring;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.app.cloud.QfpayCloudConfig;
import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.metrics.MeteredTerminalChannel;
import io.ecrhub.app.metrics.TracedTerminalChannel;
import io.ecrhub.cloud.CloudTerminalChannel;
import io.ecrhub.cloud.QfpayCloud;
import io.ecrhub.domain.certificate.TrustAnchors;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TransportRouter;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.ecrhub.ecr.channel.TlsProbe;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import io.ecrhub.ecr.tls.TrustAnchorException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Wires the terminal channel: Netty over HTTPS/HTTP/TCP, trusting QFPay's CA (fingerprint-checked)
 * plus the operator's CA files (and those of any {@link ExtraCaFiles} bean: the demo build's
 * simulator CA), and QFPay's ECR cloud for CLOUD terminals and cloud fallbacks ({@link
 * TransportRouter}, ADR 0022), timed by {@link MeteredTerminalChannel}.
 */
public class ChannelProducers {

  /** Loaded at start-up: an unusable CA file stops the hub with one line saying which and why. */
  @Produces
  @Singleton
  @Startup
  TrustAnchors anchors(HubConfig config, Instance<ExtraCaFiles> extra) {
    List<Path> files = new ArrayList<>(config.ecr().trust().extraCaFiles().orElse(List.of()));
    files.addAll(config.terminal().extraCaFiles().orElse(List.of()));
    extra.forEach(e -> files.addAll(e.caFiles()));
    try {
      return new QfpayTrustAnchors(files);
    } catch (TrustAnchorException e) {
      throw new ConfigurationException("ECR Hub refuses to start: " + e.getMessage());
    }
  }

  /** Pin look-ups and host name resolution of the channel (never on its event loop). */
  @Produces
  @Singleton
  @Named("channel-blocking")
  ExecutorService blocking() {
    return DomainProducers.daemonPool("ecrhub-channel", 4);
  }

  void closeBlocking(@Disposes @Named("channel-blocking") ExecutorService pool) {
    DomainProducers.shutdown(pool);
  }

  @Produces
  @Singleton
  @Typed({NettyTerminalChannel.class, TlsProbe.class})
  NettyTerminalChannel netty(
      HubConfig config,
      TrustAnchors anchors,
      CertificatePins pins,
      @Named("channel-blocking") ExecutorService blocking,
      Clock clock) {
    HubConfig.Terminal t = config.terminal();
    ChannelSettings d = ChannelSettings.defaults();
    ChannelSettings settings =
        new ChannelSettings(
            t.channelThreads(),
            d.maxResponseBytes(),
            t.connectTimeout(),
            t.paymentTimeout().plus(t.paymentReadMargin()),
            t.readTimeout(),
            d.keepAliveIdle(),
            d.maxIdlePerTerminal(),
            d.serialAckTimeout());
    return new NettyTerminalChannel(settings, anchors, pins, blocking, clock);
  }

  void closeNetty(@Disposes NettyTerminalChannel channel) {
    channel.close();
  }

  /** The blocking calls to QFPay's ECR cloud (pushes and the queries that follow them). */
  @Produces
  @Singleton
  @Named("cloud-terminal-blocking")
  ExecutorService cloudBlocking() {
    return DomainProducers.daemonPool("ecrhub-cloud-terminal", 4);
  }

  void closeCloudBlocking(@Disposes @Named("cloud-terminal-blocking") ExecutorService pool) {
    DomainProducers.shutdown(pool);
  }

  /**
   * CLOUD terminals through the ECR cloud of the account serving each terminal's store (its own,
   * else the default, ADR 0028); without one every request to it is NotSent (registration refuses
   * them with CLOUD_NOT_CONFIGURED anyway).
   */
  @Produces
  @Singleton
  @Typed(CloudTerminalChannel.class)
  CloudTerminalChannel cloudChannel(
      QfpayCloudAccounts accounts,
      QfpayCloudConfig cloud,
      HubConfig config,
      @Named("cloud-terminal-blocking") ExecutorService blocking) {
    return new CloudTerminalChannel(
        terminal -> accounts.cloudOfTerminal(terminal).map(QfpayCloud::ecr),
        blocking,
        cloud.ecrPollEvery(),
        java.util.Currency.getInstance(
            Currencies.of(config.terminal().currencies()).list().getFirst()),
        System::nanoTime);
  }

  /**
   * The channel the use cases see: Netty or the ECR cloud by transport, with round-trip metrics and
   * a trace span per exchange (ADR 0027).
   */
  @Produces
  @Singleton
  TerminalChannel channel(
      NettyTerminalChannel netty,
      CloudTerminalChannel cloud,
      MeterRegistry registry,
      Tracer tracer) {
    return new TracedTerminalChannel(
        new MeteredTerminalChannel(new TransportRouter(netty, cloud), registry), tracer);
  }
}
