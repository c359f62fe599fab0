package io.ecrhub.notify.delivery;

import io.ecrhub.domain.shared.DomainException;

/** A delivery target is not allowed (SSRF guard) or not usable; maps to 422 on the admin API. */
public final class TargetRefusedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public TargetRefusedException(String reason) {
    super("TARGET_REFUSED", "target", reason);
  }
}
