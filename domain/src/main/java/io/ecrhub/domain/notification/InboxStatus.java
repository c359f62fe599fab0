package io.ecrhub.domain.notification;

/** Where a stored notification stands. */
public enum InboxStatus {
  /** Stored and signature verified; not applied yet. */
  VERIFIED,
  /** Applied to its payment or refund. */
  APPLIED,
  /** Verified but matches no transaction yet; applied when the transaction appears. */
  PARKED,
  /** Applied but an amount/currency mismatch flagged the transaction for review. */
  REVIEW,
  /** Signature failed (kept, bounded, for audit). */
  REJECTED,
  /** Same (type, syssn) as an earlier one; no effect. */
  DUPLICATE,
  /**
   * Verified and stored, but there is nothing in the hub it applies to (a preauth release, or a
   * notification that does not report success).
   */
  IGNORED
}
