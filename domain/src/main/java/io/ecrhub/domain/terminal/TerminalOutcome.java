package io.ecrhub.domain.terminal;

import io.ecrhub.domain.certificate.LeafCertificate;

/**
 * What became of one request to a terminal. The distinction that matters most: {@link NotSent}
 * means the request provably never reached the terminal; {@link OutcomeUnknown} means it may have,
 * and the transaction must be reconciled, never treated as failed.
 */
public sealed interface TerminalOutcome {

  /** Raw wire code ({@code respcd}) when one was received, else null; kept for support only. */
  default String rawCode() {
    return null;
  }

  /** 6000: the request succeeded; the report carries syssn, amounts, card scheme... */
  record Approved(TransactionReport report) implements TerminalOutcome {
    public Approved {
      report = report == null ? TransactionReport.EMPTY : report;
    }

    @Override
    public String rawCode() {
      return "6000";
    }
  }

  /** 6002: the terminal reported an error for this request (declined, failed on the terminal). */
  record Declined(DeclineReason reason, String message, String rawCode)
      implements TerminalOutcome {}

  /** 6001: cancelled on the terminal (by the cashier or after our 5001). */
  record Cancelled(String message) implements TerminalOutcome {
    @Override
    public String rawCode() {
      return "6001";
    }
  }

  /** A query (4001) found no such transaction on the terminal. */
  record NotFound(String message, String rawCode) implements TerminalOutcome {}

  /** The request never left the hub or never reached the terminal's application. */
  record NotSent(NotSentCause cause, String detail, LeafCertificate presented)
      implements TerminalOutcome {
    public NotSent(NotSentCause cause, String detail) {
      this(cause, detail, null);
    }
  }

  /** The request may have reached the terminal, and no complete answer came back. */
  record OutcomeUnknown(String detail) implements TerminalOutcome {}

  /** Another business request is in flight on this terminal; nothing was sent. */
  record Busy(String detail) implements TerminalOutcome {}

  /** 4003/5001: POS key or encryption toggle out of sync with MMS. Nothing happened. */
  record KeyMismatch(String rawCode, String message) implements TerminalOutcome {}

  /** 4007: the Haojin app is logged out. */
  record LoggedOut(String message) implements TerminalOutcome {
    @Override
    public String rawCode() {
      return "4007";
    }
  }

  /** 4004/4005/4006 or an undecodable answer: the terminal rejected the request's form. */
  record ProtocolError(String rawCode, String message) implements TerminalOutcome {}

  /** Why a request was not sent. */
  enum NotSentCause {
    /** TCP connect refused or timed out. */
    CONNECT_FAILED,
    /** Host name did not resolve. */
    UNRESOLVED,
    /** TLS handshake failed for a reason other than trust (e.g. the terminal speaks plain HTTP). */
    TLS_HANDSHAKE_FAILED,
    /** The leaf does not chain to a trusted CA, or its SAN does not match the host. */
    CERTIFICATE_UNTRUSTED,
    /** The leaf differs from the pinned one and no operator approved it. */
    CERTIFICATE_CHANGED,
    /** The terminal's configuration cannot be used (bad key length, missing port...). */
    CONFIGURATION,
    /** The hub is shutting down or the channel is closed. */
    CHANNEL_CLOSED
  }
}
