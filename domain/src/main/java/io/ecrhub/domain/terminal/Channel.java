package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/** A payment method as the ECR protocol names it ({@code channel}, protocol doc §4). */
public enum Channel {
  CARD_PAYMENT("card_payment", "Visa / Mastercard", true, "802808", null),
  WX("wx", "WeChat Pay", false, "800208", "800201"),
  ALIPAY("alipay", "Alipay", false, "800108", "800101"),
  PAYME("payme", "PayMe", false, "805808", "805801"),
  UNION("union", "UnionPay QuickPass", false, "800708", "800701"),
  FPS("fps", "FPS", false, null, "802001"),
  OCTOPUS("octopus", "Octopus", false, "803708", null),
  UNIONPAY_CARD("unionpay_card", "UnionPay card", true, "806708", null),
  AMEX_CARD("amex_card", "American Express card", true, "806808", null);

  private final String wire;
  private final String displayName;
  private final boolean cardScheme;
  private final String cpmPaytype;
  private final String mpmPaytype;

  Channel(String wire, String displayName, boolean cardScheme, String cpm, String mpm) {
    this.wire = wire;
    this.displayName = displayName;
    this.cardScheme = cardScheme;
    this.cpmPaytype = cpm;
    this.mpmPaytype = mpm;
  }

  /** The value sent as {@code channel} on the wire. */
  public String wire() {
    return wire;
  }

  public String displayName() {
    return displayName;
  }

  /** Card schemes refund only the full amount, same day, through the terminal. */
  public boolean isCardScheme() {
    return cardScheme;
  }

  /** Octopus cannot be refunded or voided through ECR. */
  public boolean isRefundable() {
    return this != OCTOPUS;
  }

  /** Paytype (busicd) when the terminal scans the customer's code (CPM), or null. */
  public String cpmPaytype() {
    return cpmPaytype;
  }

  /** Paytype when the terminal shows a QR code (MPM), or null. */
  public String mpmPaytype() {
    return mpmPaytype;
  }

  /** Parses the wire name ({@code card_payment}, {@code wx}, ...) with a clear error. */
  public static Channel fromWire(String text) {
    if (text != null) {
      for (Channel c : values()) {
        if (c.wire.equals(text.trim())) {
          return c;
        }
      }
    }
    throw new ValidationException(
        "INVALID_CHANNEL",
        "channel",
        "channel must be one of card_payment, wx, alipay, payme, union, fps, octopus,"
            + " unionpay_card, amex_card");
  }

  /** Maps a paytype code (busicd / pay_type) to its channel, or null. */
  public static Channel fromPaytype(String paytype) {
    if (paytype == null) {
      return null;
    }
    for (Channel c : values()) {
      if (paytype.equals(c.cpmPaytype) || paytype.equals(c.mpmPaytype)) {
        return c;
      }
    }
    return null;
  }
}
