package io.ecrhub.domain.transaction;

/** When a late answer may still change a transaction that moved on in the meantime. */
final class Settling {
  private Settling() {}

  /**
   * IN_PROGRESS takes any verdict; UNKNOWN (reconciliation started, e.g. the lease ran out) only a
   * definite one; a final state none.
   */
  static boolean mayApply(TransactionStatus current, Verdict verdict) {
    return switch (current) {
      case IN_PROGRESS -> true;
      case UNKNOWN -> verdict.definite();
      default -> false;
    };
  }

  /** A definite answer that disagrees with a final state reached another way (review it). */
  static boolean contradicts(TransactionStatus current, Verdict verdict) {
    return current.isFinal()
        && verdict.definite()
        && current != verdict.target()
        && (current == TransactionStatus.SUCCEEDED
            || verdict.target() == TransactionStatus.SUCCEEDED);
  }
}
