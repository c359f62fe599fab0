package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.ResponseClassifier;
import io.ecrhub.ecr.tls.LeafCertificates;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ExchangeResult;

/**
 * The channel's classification rules, in one place. Before the request may have been written:
 * NotSent. After: a decodable answer is classified by {@link ResponseClassifier}; anything else (no
 * answer, half an answer, an undecodable one) is OutcomeUnknown for a trade or refund, because
 * money may have moved; for print, query and cancel an undecodable or oversize answer is a
 * ProtocolError, a missing one still OutcomeUnknown.
 */
final class Outcomes {
  private Outcomes() {}

  static TerminalOutcome of(EcrFunction fn, ExchangeResult result, PosKey key) {
    return switch (result) {
      case ExchangeResult.Answer a -> answer(fn, a.body(), a.httpStatus(), key);
      case ExchangeResult.Lost l -> new TerminalOutcome.OutcomeUnknown(l.detail());
      case ExchangeResult.Unsent u -> new NotSent(NotSentCause.CONNECT_FAILED, u.detail());
      case ExchangeResult.Oversize o -> undecodable(fn, o.detail());
    };
  }

  static NotSent refused(ConnectResult.Refused r) {
    return new NotSent(
        r.cause(),
        r.detail(),
        r.presentedChain().isEmpty() ? null : LeafCertificates.of(r.presentedChain().get(0)));
  }

  /** A complete answer: decoded with the key and classified, or undecodable. */
  static TerminalOutcome answer(EcrFunction fn, byte[] body, int httpStatus, PosKey key) {
    try {
      return ResponseClassifier.classify(fn, EcrCodec.decodeResponse(body, key.reveal()));
    } catch (EcrCodecException e) {
      String status = httpStatus > 0 ? "HTTP " + httpStatus + ", " : "";
      return undecodable(
          fn, "undecodable response (" + status + e.kind() + ": " + e.getMessage() + ")");
    }
  }

  static TerminalOutcome undecodable(EcrFunction fn, String detail) {
    return ResponseClassifier.isBusiness(fn)
        ? new TerminalOutcome.OutcomeUnknown(detail)
        : new TerminalOutcome.ProtocolError(null, detail);
  }

  /** One line for the request log: outcome class, code or cause; never payloads or keys. */
  static String describe(TerminalOutcome o) {
    String name = o.getClass().getSimpleName();
    return switch (o) {
      case NotSent n -> name + " " + n.cause() + " (" + n.detail() + ")";
      case TerminalOutcome.OutcomeUnknown u -> name + " (" + u.detail() + ")";
      case TerminalOutcome.Busy b -> name;
      default -> o.rawCode() == null ? name : name + " respcd=" + o.rawCode();
    };
  }
}
