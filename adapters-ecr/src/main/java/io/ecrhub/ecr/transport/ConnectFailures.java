package io.ecrhub.ecr.transport;

import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.tls.TlsHandshake;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Why a connection attempt gave no usable connection, as the cause the channel reports: trust
 * refused (the capture saw the chain fail) is CERTIFICATE_UNTRUSTED, any other handshake failure
 * TLS_HANDSHAKE_FAILED, TCP trouble CONNECT_FAILED, a shut-down loop CHANNEL_CLOSED.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  static ConnectResult.Refused handshake(ConnectTarget target, TlsHandshake hs, Throwable cause) {
    var trust = hs.trustFailure();
    if (trust.isPresent()) {
      return new ConnectResult.Refused(
          NotSentCause.CERTIFICATE_UNTRUSTED,
          "certificate of " + target.authority() + " refused: " + trust.get(),
          hs.presentedChain());
    }
    String why =
        hasCause(cause, NotSslRecordException.class)
            ? "the terminal did not answer with TLS (a plain-HTTP terminal answers like this;"
                + " check 'Enable Https' in MMS or set the transport to HTTP)"
            : AwaitingHandler.summary(cause);
    return new ConnectResult.Refused(
        NotSentCause.TLS_HANDSHAKE_FAILED,
        "TLS handshake with " + target.authority() + " failed: " + why,
        hs.presentedChain());
  }

  static ConnectResult.Refused connect(ConnectTarget target, Throwable cause) {
    if (cause instanceof RejectedExecutionException
        || hasCause(cause, RejectedExecutionException.class)) {
      return closed();
    }
    String why;
    if (cause instanceof ConnectTimeoutException) {
      why = "timed out after " + target.connectTimeout().toMillis() + " ms";
    } else if (cause instanceof ConnectException
        && String.valueOf(cause.getMessage()).contains("refused")) {
      why = "refused";
    } else {
      why = "failed (" + AwaitingHandler.summary(cause) + ")";
    }
    return new ConnectResult.Refused(
        NotSentCause.CONNECT_FAILED, "connection to " + target.authority() + " " + why, List.of());
  }

  static ConnectResult.Refused closed() {
    return new ConnectResult.Refused(
        NotSentCause.CHANNEL_CLOSED, "the terminal channel is closed", List.of());
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
