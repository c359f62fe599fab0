package io.ecrhub.app.api;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundRoute;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Payment and refund request and response bodies. Amounts are decimal strings, never numbers. */
@RegisterForReflection
public final class PaymentViews {
  /** The description of a payment's or refund's confirmedBy. */
  private static final String CONFIRMED_BY =
      "What vouches for the settlement (ADR 0007); null unless SUCCEEDED or when"
          + " settled before it was recorded";

  /** The description of a payment's or refund's confirmationPending. */
  private static final String CONFIRMATION_PENDING =
      "True while the settlement waits for QFPay's confirmation (a signed"
          + " notification): settled on an answer over plain HTTP/TCP, or on one that"
          + " lacked fields the protocol promises";

  private PaymentViews() {}

  /** Body of {@code POST /api/v1/payments}. */
  @Schema(name = "PaymentRequest")
  public record Create(
      @Schema(required = true, examples = "trm_4smkc32qwnogbri4nb34") String terminalId,
      @Schema(
              required = true,
              description = "Decimal string at the currency's scale",
              examples = "10.50")
          String amount,
      @Schema(required = true, examples = "HKD") String currency,
      @Schema(
              required = true,
              enumeration = {
                "card_payment",
                "wx",
                "alipay",
                "payme",
                "union",
                "fps",
                "octopus",
                "unionpay_card",
                "amex_card"
              })
          String channel,
      @Schema(description = "Your reference (A-Z a-z 0-9 _ -, up to 32); part of out_trade_no")
          String reference) {}

  /** Body of {@code POST /api/v1/payments/{id}/refunds}. */
  @Schema(name = "RefundRequest")
  public record RefundCreate(
      @Schema(
              description = "Decimal string; omit for the full refundable amount",
              examples = "5.00")
          String amount,
      @Schema(
              description =
                  "ISO 4217 code of the amount; the payment's currency when omitted (a refund is"
                      + " always in the payment's currency: another one is 422 CURRENCY_MISMATCH)",
              examples = "HKD")
          String currency,
      @Schema(
              description =
                  "Which way the refund goes (ADR 0021): auto (the default) takes the terminal when"
                      + " it is reachable and its same-day card rules allow the refund, QFPay's"
                      + " cloud otherwise (terminal off or not reached, after the same-day window,"
                      + " partial card refunds); terminal or cloud only that way. cloud without a"
                      + " cloud account is 422 CLOUD_NOT_CONFIGURED; anything else 400"
                      + " INVALID_REFUND_ROUTE",
              enumeration = {"auto", "terminal", "cloud"},
              examples = "auto")
          String route) {}

  /** A payment as the API shows it. */
  @Schema(name = "Payment")
  public record View(
      String id,
      String terminalId,
      @Schema(
              enumeration = {
                "PENDING",
                "IN_PROGRESS",
                "SUCCEEDED",
                "DECLINED",
                "CANCELLED",
                "FAILED",
                "UNKNOWN"
              })
          String status,
      String amount,
      String currency,
      String channel,
      String reference,
      String outTradeNo,
      @Schema(description = "QFPay's transaction id (syssn)") String qfpayTransactionId,
      String refundedAmount,
      String cardScheme,
      String maskedCardNumber,
      @Schema(description = "The hub's reason for an unsuccessful end, e.g. DECLINED_BY_TERMINAL")
          String failureCode,
      String failureMessage,
      @Schema(description = "The terminal's raw response code, for support (e.g. 6002)")
          String terminalResponseCode,
      @Schema(description = "Set when something needs an operator's attention") String reviewNote,
      @Schema(
              description = CONFIRMED_BY,
              enumeration = {
                "terminal_tls",
                "terminal_plain",
                "terminal_serial",
                "notification",
                "query",
                "cloud"
              })
          String confirmedBy,
      @Schema(description = CONFIRMATION_PENDING) boolean confirmationPending,
      @Schema(
              description =
                  "The transport that carried the payment's request: its terminal's own, or CLOUD"
                      + " when a LAN terminal with cloudFallback was not reached and the payment"
                      + " was pushed through QFPay's cloud instead (ADR 0022); null for payments"
                      + " recorded before the hub kept it",
              enumeration = {"HTTPS", "HTTP", "TCP", "SERIAL", "CLOUD"})
          String transport,
      Instant createdAt,
      Instant updatedAt) {

    public static View of(Payment p) {
      return new View(
          p.id().value(),
          p.terminalId().value(),
          p.status().name(),
          p.amount().toPlainString(),
          currencyOf(p.amount()),
          p.channel().wire(),
          p.reference().orElse(null),
          p.outTradeNo().value(),
          p.syssn().map(Syssn::value).orElse(null),
          p.refundedAmount().toPlainString(),
          p.cardScheme().orElse(null),
          p.maskedCardNumber().orElse(null),
          p.failureReason().map(Enum::name).orElse(null),
          p.failureMessage().orElse(null),
          p.failureCode().orElse(null),
          p.reviewNote().orElse(null),
          p.confirmedBy().map(ConfirmedBy::key).orElse(null),
          p.confirmationPending(),
          p.sentVia().map(Enum::name).orElse(null),
          p.createdAt(),
          p.updatedAt());
    }
  }

  /** A refund as the API shows it. */
  @Schema(name = "Refund")
  public record RefundView(
      String id,
      String paymentId,
      String terminalId,
      @Schema(
              enumeration = {
                "PENDING",
                "IN_PROGRESS",
                "SUCCEEDED",
                "DECLINED",
                "CANCELLED",
                "FAILED",
                "UNKNOWN"
              })
          String status,
      String amount,
      String currency,
      @Schema(description = "QFPay's transaction id of the refund") String qfpayTransactionId,
      @Schema(description = "Done outside the hub and learned from QFPay") boolean external,
      String failureCode,
      String failureMessage,
      String terminalResponseCode,
      @Schema(description = "Set when something needs an operator's attention") String reviewNote,
      @Schema(
              description = CONFIRMED_BY,
              enumeration = {
                "terminal_tls",
                "terminal_plain",
                "terminal_serial",
                "notification",
                "query",
                "cloud"
              })
          String confirmedBy,
      @Schema(description = CONFIRMATION_PENDING) boolean confirmationPending,
      @Schema(
              description =
                  "The way the hub sent the refund (ADR 0021); null for a refund done outside the"
                      + " hub",
              enumeration = {"terminal", "cloud"})
          String route,
      @Schema(description = "The refund's own out_trade_no at QFPay (cloud refunds only)")
          String outTradeNo,
      Instant createdAt,
      Instant updatedAt) {

    public static RefundView of(Refund r) {
      return new RefundView(
          r.id().value(),
          r.paymentId().value(),
          r.terminalId().value(),
          r.status().name(),
          r.amount().toPlainString(),
          currencyOf(r.amount()),
          r.syssn().map(Syssn::value).orElse(null),
          r.isExternal(),
          r.failureReason().map(Enum::name).orElse(null),
          r.failureMessage().orElse(null),
          r.failureCode().orElse(null),
          r.reviewNote().orElse(null),
          r.confirmedBy().map(ConfirmedBy::key).orElse(null),
          r.confirmationPending(),
          r.route().map(RefundRoute::wire).orElse(null),
          r.outTradeNo().orElse(null),
          r.createdAt(),
          r.updatedAt());
    }
  }

  private static String currencyOf(Money m) {
    return m.currency().getCurrencyCode();
  }
}
