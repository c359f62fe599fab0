package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.OutTradeNo;

/**
 * Port: whether QFPay has told the hub anything about a payment, through a signed notification the
 * inbox holds (its own payment notification, or a refund notification naming it as
 * orig_out_trade_no). Reconciliation asks before it reads a terminal's "no such transaction" as a
 * decline (ADR 0007): QFPay notifies only successes, so any such notification means money moved.
 */
@FunctionalInterface
public interface NotificationTrail {

  /** Whether a verified notification names {@code outTradeNo}. */
  boolean anyFor(OutTradeNo outTradeNo);

  /**
   * The trail of a hub that cannot look (not wired): it may hold something, so "not found" never
   * becomes a decline.
   */
  NotificationTrail UNAVAILABLE = outTradeNo -> true;
}
