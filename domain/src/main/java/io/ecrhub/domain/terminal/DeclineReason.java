package io.ecrhub.domain.terminal;

/**
 * The hub's own reason for an unsuccessful end, kept apart from QFPay's wire codes (the raw code is
 * stored next to it, opaque, for support).
 */
public enum DeclineReason {
  /** The terminal reported the request failed (6002), e.g. card declined or wallet error. */
  DECLINED_BY_TERMINAL,
  /** Cancelled on the terminal or by a cancel request (6001). */
  CANCELLED,
  /** The terminal timed out waiting for the card or the customer. */
  TIMED_OUT_ON_TERMINAL,
  /** The POS key or encryption setting does not match the terminal (4003/5001). */
  KEY_MISMATCH,
  /** The Haojin app is logged out (4007). */
  LOGGED_OUT,
  /** The terminal rejected the request's form (4004/4005/4006). */
  PROTOCOL_ERROR,
  /** The terminal could not be reached (nothing was sent). */
  UNREACHABLE,
  /** The terminal's certificate is untrusted or changed (nothing was sent). */
  CERTIFICATE_PROBLEM,
  /** The terminal was busy with another request (nothing was sent). */
  TERMINAL_BUSY,
  /** Reconciliation established the terminal never recorded the transaction. */
  NOT_FOUND_ON_TERMINAL,
  /** QFPay's cloud refused or declined the request (its respcd is the failure code). */
  REFUSED_BY_CLOUD
}
