package io.ecrhub.domain.terminal;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link TerminalChannel} the use cases see: a terminal reached through QFPay's cloud ({@link
 * Transport#CLOUD}) goes to the cloud channel, every other one to the local (LAN, cable) channel;
 * and a payment to a local terminal with a cloud fallback whose LAN attempt was provably {@link
 * TerminalOutcome.NotSent not sent} is pushed through the cloud, once (ADR 0022).
 *
 * <p>Never after {@link TerminalOutcome.OutcomeUnknown}, a channel failure, or any answer from the
 * terminal: the LAN request may be on the terminal's screen or charged already, and a second
 * request through another path could charge the customer twice. Only payments fall back (a refund
 * is routed before it is sent, never as a retry); queries, prints and cancels stay on their path.
 */
public final class TransportRouter implements TerminalChannel {
  private static final System.Logger LOG = System.getLogger(TransportRouter.class.getName());

  /**
   * The causes that prove nothing reached the terminal's application through the LAN: no
   * connection, no address, a TLS handshake that failed or was refused before any request byte. Not
   * {@code CONFIGURATION} (the hub's own record of the terminal is wrong: fix it) nor {@code
   * CHANNEL_CLOSED} (the hub is stopping).
   */
  static final Set<TerminalOutcome.NotSentCause> FALLBACK_CAUSES =
      EnumSet.of(
          TerminalOutcome.NotSentCause.CONNECT_FAILED,
          TerminalOutcome.NotSentCause.UNRESOLVED,
          TerminalOutcome.NotSentCause.TLS_HANDSHAKE_FAILED,
          TerminalOutcome.NotSentCause.CERTIFICATE_UNTRUSTED,
          TerminalOutcome.NotSentCause.CERTIFICATE_CHANGED);

  private final TerminalChannel local;
  private final TerminalChannel cloud;

  /**
   * @param local the LAN and serial channel
   * @param cloud terminals through QFPay's cloud; it answers {@code NotSent(CONFIGURATION)} when no
   *     cloud account is configured
   */
  public TransportRouter(TerminalChannel local, TerminalChannel cloud) {
    this.local = Objects.requireNonNull(local, "local");
    this.cloud = Objects.requireNonNull(cloud, "cloud");
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    if (!endpoint.transport().local()) {
      return TerminalCalls.send(cloud, endpoint, command);
    }
    CompletionStage<TerminalOutcome> lan = TerminalCalls.send(local, endpoint, command);
    if (!endpoint.cloudFallback()
        || endpoint.deviceId() == null
        || !(command instanceof TerminalCommand.Pay)) {
      return lan;
    }
    // an exceptional completion (a broken channel) propagates: the request may have left
    return lan.thenCompose(
        outcome -> {
          if (!fallsBack(outcome)) {
            return CompletableFuture.completedFuture(outcome);
          }
          TerminalOutcome.NotSent n = (TerminalOutcome.NotSent) outcome;
          LOG.log(
              System.Logger.Level.INFO,
              "terminal {0}: payment not sent over the LAN ({1}); pushed once through QFPay''s"
                  + " cloud",
              endpoint.terminalId(),
              n.cause());
          return TerminalCalls.send(cloud, endpoint, command)
              .thenApply(viaCloud -> noted(n, viaCloud));
        });
  }

  /** Whether {@code lanOutcome} proves the request never reached the terminal over the LAN. */
  public static boolean fallsBack(TerminalOutcome lanOutcome) {
    return lanOutcome instanceof TerminalOutcome.NotSent n && FALLBACK_CAUSES.contains(n.cause());
  }

  /** The cloud's outcome; when the cloud did not send either, both reasons. */
  private static TerminalOutcome noted(TerminalOutcome.NotSent lan, TerminalOutcome viaCloud) {
    if (viaCloud instanceof TerminalOutcome.NotSent c) {
      return new TerminalOutcome.NotSent(
          lan.cause(), "LAN: " + lan.detail() + "; cloud fallback: " + c.detail(), lan.presented());
    }
    return viaCloud;
  }
}
