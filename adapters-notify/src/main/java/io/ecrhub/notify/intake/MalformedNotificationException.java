package io.ecrhub.notify.intake;

import io.ecrhub.domain.shared.DomainException;

/** The body is not a usable QFPay notification; the reason says why (answered with 400). */
public final class MalformedNotificationException extends DomainException {
  private static final long serialVersionUID = 1L;

  public MalformedNotificationException(String reason) {
    super("MALFORMED_NOTIFICATION", reason);
  }
}
