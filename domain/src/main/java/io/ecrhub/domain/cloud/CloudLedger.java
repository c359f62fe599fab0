package io.ecrhub.domain.cloud;

/**
 * Port: QFPay's own record of transactions (Open API {@code /trade/v1/query} and {@code
 * /trade/v1/refund}). Queries may be retried by the adapter; a refund is sent at most once.
 */
public interface CloudLedger {

  /** What QFPay recorded for this transaction. */
  CloudOutcome query(CloudQuery query);

  /**
   * Refunds through the cloud. {@link CloudOutcome.Settled} carries the refund's record; after a
   * timeout the answer is {@link CloudOutcome.OutcomeUnknown}: settle it by querying the refund's
   * {@code out_trade_no}, never by sending it again.
   */
  CloudOutcome refund(CloudRefund refund);
}
