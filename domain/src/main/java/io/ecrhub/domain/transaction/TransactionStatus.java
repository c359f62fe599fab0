package io.ecrhub.domain.transaction;

/** State of a payment or refund. */
public enum TransactionStatus {
  /** Recorded, not yet sent. */
  PENDING,
  /** Sent (or being sent) to the terminal; waiting for its answer. */
  IN_PROGRESS,
  SUCCEEDED,
  DECLINED,
  CANCELLED,
  /** Provably never reached the terminal. */
  FAILED,
  /** May have reached the terminal; must be reconciled (query, notification). */
  UNKNOWN;

  public boolean isFinal() {
    return this == SUCCEEDED || this == DECLINED || this == CANCELLED || this == FAILED;
  }

  /** Needs reconciliation when found (IN_PROGRESS at startup means the hub crashed mid-flight). */
  public boolean needsReconciliation() {
    return this == UNKNOWN || this == IN_PROGRESS;
  }
}
