package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import java.time.Instant;

/**
 * Builds the waiting record of a payment or refund: paytype ({@code busicd}) from the channel and
 * scan mode, card scheme and a masked test card for card channels (VISA for card_payment, UNIONPAY
 * for unionpay_card, AMEX for amex_card), none for wallets.
 */
final class Provisional {
  private Provisional() {}

  static SimTransaction payment(SimCommand.Trade t, String syssn, Instant now) {
    Channel ch = t.channel();
    String busicd =
        t.qr() && ch.mpmPaytype() != null
            ? ch.mpmPaytype()
            : ch.cpmPaytype() != null ? ch.cpmPaytype() : ch.mpmPaytype();
    String scheme = scheme(ch);
    return new SimTransaction(
        syssn,
        SimTransaction.Kind.PAYMENT,
        SimTransaction.Status.WAITING,
        t.outTradeNo(),
        t.amount(),
        Money.zero(t.amount().currency()),
        ch,
        busicd,
        scheme,
        maskedCard(scheme),
        now,
        null,
        null,
        null);
  }

  static SimTransaction refund(
      SimTransaction payment, Money amount, String outTradeNo, String syssn, Instant now) {
    return new SimTransaction(
        syssn,
        SimTransaction.Kind.REFUND,
        SimTransaction.Status.WAITING,
        outTradeNo,
        amount,
        Money.zero(amount.currency()),
        payment.channel(),
        payment.busicd(),
        payment.cardScheme(),
        payment.cardNo(),
        now,
        null,
        payment.syssn(),
        null);
  }

  static String scheme(Channel ch) {
    return switch (ch) {
      case CARD_PAYMENT -> "VISA";
      case UNIONPAY_CARD -> "UNIONPAY";
      case AMEX_CARD -> "AMEX";
      default -> null;
    };
  }

  /** A masked test PAN of the scheme (first 6 and last 4 digits), or null for wallets. */
  static String maskedCard(String scheme) {
    if (scheme == null) {
      return null;
    }
    return switch (scheme) {
      case "UNIONPAY" -> "625094******1234";
      case "AMEX" -> "371449*****8431";
      default -> "476173******0010";
    };
  }
}
