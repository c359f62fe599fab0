package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;

/** An illegal state transition was attempted (e.g. SUCCEEDED to DECLINED). */
public final class TransitionRefusedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public TransitionRefusedException(String what, TransactionStatus from, TransactionStatus to) {
    super("ILLEGAL_TRANSITION", what + " cannot go from " + from + " to " + to);
  }
}
