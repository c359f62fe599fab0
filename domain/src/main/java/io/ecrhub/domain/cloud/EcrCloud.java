package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import java.time.Duration;

/**
 * Port: a terminal reached through QFPay's cloud ({@code /ecr/v1/*}, protocol doc §11), named by
 * its Device ID. Pushes are asynchronous and sent at most once; results come from {@link #query} or
 * a notification.
 */
public interface EcrCloud {

  /** Pushes a payment of {@code amount} (cents on the wire) to the terminal. */
  PushOutcome pushPayment(
      String deviceId, Money amount, Channel channel, String outTradeNo, Duration timeout);

  /** Pushes a refund of the payment {@code syssn}; {@code amount} null refunds what is left. */
  PushOutcome pushRefund(String deviceId, String syssn, Money amount);

  /** Cancels whatever the terminal is doing. */
  PushOutcome pushCancel(String deviceId);

  /** Prints the receipt of the transaction {@code syssn} / {@code outTradeNo} (both required). */
  PushOutcome pushPrintReceipt(String deviceId, String syssn, String outTradeNo);

  /** Prints the terminal's transaction summary. */
  PushOutcome pushPrintSummary(String deviceId);

  /** The terminal's record of a transaction (the record sits in {@code respmsg}). */
  CloudOutcome query(String deviceId, CloudQuery query);
}
