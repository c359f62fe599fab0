package io.ecrhub.domain.terminal;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The {@link TerminalChannel} the use cases see: a request for an endpoint reached through QFPay's
 * cloud ({@link Transport#CLOUD}) goes to the cloud channel, every other one to the local (LAN,
 * cable) channel. It never changes a request's path by itself: the cloud fallback of a payment
 * whose LAN attempt was provably {@link TerminalOutcome.NotSent not sent} ({@link #fallsBack}) is
 * the payment use case's decision, which records it on the payment and sends the push to {@link
 * TerminalEndpoint#throughCloud()} (ADR 0022).
 *
 * <p>Never after {@link TerminalOutcome.OutcomeUnknown}, a channel failure, or any answer from the
 * terminal: the LAN request may be on the terminal's screen or charged already, and a second
 * request through another path could charge the customer twice. Only payments fall back (a refund
 * is routed before it is sent, never as a retry); queries, prints and cancels stay on their path.
 */
public final class TransportRouter implements TerminalChannel {
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
    return TerminalCalls.send(endpoint.transport().local() ? local : cloud, endpoint, command);
  }

  @Override
  public CompletionStage<TerminalOutcome> send(
      TerminalEndpoint endpoint, TerminalCommand command, Runnable written) {
    return TerminalCalls.send(
        endpoint.transport().local() ? local : cloud, endpoint, command, written);
  }

  /**
   * Whether a payment to {@code endpoint} whose LAN attempt ended in {@code lanOutcome} goes on
   * through QFPay's cloud: a local terminal with a cloud fallback and a Device ID, and an outcome
   * that proves nothing reached it.
   */
  public static boolean fallsBack(TerminalEndpoint endpoint, TerminalOutcome lanOutcome) {
    return endpoint.transport().local()
        && endpoint.cloudFallback()
        && endpoint.deviceId() != null
        && fallsBack(lanOutcome);
  }

  /** Whether {@code lanOutcome} proves the request never reached the terminal over the LAN. */
  public static boolean fallsBack(TerminalOutcome lanOutcome) {
    return lanOutcome instanceof TerminalOutcome.NotSent n && FALLBACK_CAUSES.contains(n.cause());
  }

  /** The cloud's outcome; when the cloud did not send either, both reasons. */
  public static TerminalOutcome noted(TerminalOutcome.NotSent lan, TerminalOutcome viaCloud) {
    if (viaCloud instanceof TerminalOutcome.NotSent c) {
      return new TerminalOutcome.NotSent(
          lan.cause(), "LAN: " + lan.detail() + "; cloud fallback: " + c.detail(), lan.presented());
    }
    return viaCloud;
  }
}
