package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.ecr.codec.EcrFunction;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A validated request content (protocol doc §4), as the terminal understood it. {@link #parse}
 * rejects what a terminal answers {@code 4006} to: a missing or mistyped mandatory field, an amount
 * that is not a positive number with at most two decimals, an unknown channel or option value.
 */
sealed interface SimCommand {

  /** 1001: {@code qr} is true when the terminal shows a QR code (scan_type QRCODE_PAY). */
  record Trade(Money amount, Channel channel, String outTradeNo, boolean qr, Duration timeout)
      implements SimCommand {}

  /** 1002: {@code amount} null means the whole refundable amount. */
  record Refund(String orderId, Money amount) implements SimCommand {}

  /** 3001. */
  record PrintReceipt(String orderId) implements SimCommand {}

  /** 3002. */
  record PrintSummary() implements SimCommand {}

  /** 4001: exactly one of the two is set (orderId wins when both are sent). */
  record Query(String orderId, String outTradeNo) implements SimCommand {}

  /** 5001. */
  record CancelRequest() implements SimCommand {}

  /** A parameter a terminal would refuse with 4006; the message says which and why. */
  final class InvalidParameter extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidParameter(String message) {
      super(message, null, false, false);
    }
  }

  /** Largest amount accepted (8 integer digits), as a sanity bound. */
  BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

  Set<String> SCAN_TYPES = Set.of("QRCODE_PAY", "SCAN_PAY");

  static SimCommand parse(EcrFunction f, Map<String, Object> c, String currency)
      throws InvalidParameter {
    checkOptions(c);
    return switch (f) {
      case TRADE -> {
        Object scan = c.get("scan_type");
        Integer timeout = positiveInt(c, "payment_timeout");
        Integer cardTimeout = positiveInt(c, "wait_card_timeout");
        Integer effective = timeout;
        if (cardTimeout != null && (effective == null || cardTimeout < effective)) {
          effective = cardTimeout;
        }
        yield new Trade(
            amount(c.get("amt"), "amt", currency),
            channel(c.get("channel")),
            reference(c, "out_trade_no", false),
            "QRCODE_PAY".equals(scan),
            effective == null ? null : Duration.ofSeconds(effective));
      }
      case REFUND -> {
        Object ra = c.get("refund_amount");
        if (ra != null && !(ra instanceof String)) {
          throw new InvalidParameter("refund_amount must be a string such as \"10.50\"");
        }
        String s = (String) ra;
        yield new Refund(
            reference(c, "orderId", true),
            s == null || s.isBlank() ? null : amount(s, "refund_amount", currency));
      }
      case PRINT_RECEIPT -> new PrintReceipt(reference(c, "orderId", true));
      case PRINT_SUMMARY -> new PrintSummary();
      case QUERY -> {
        String orderId = reference(c, "orderId", false);
        String outTradeNo = reference(c, "out_trade_no", false);
        if (orderId == null && outTradeNo == null) {
          throw new InvalidParameter("orderId or out_trade_no is required");
        }
        yield new Query(orderId, outTradeNo);
      }
      case CANCEL_REQUEST -> new CancelRequest();
    };
  }

  private static void checkOptions(Map<String, Object> c) throws InvalidParameter {
    for (String flag : new String[] {"camera_id", "moveToBack", "allow_modify_flag"}) {
      Object v = c.get(flag);
      if (v != null && !(integer(v) instanceof Integer i && (i == 0 || i == 1))) {
        throw new InvalidParameter(flag + " must be 0 or 1");
      }
    }
    Object scan = c.get("scan_type");
    if (scan != null && !SCAN_TYPES.contains(scan)) {
      throw new InvalidParameter("scan_type must be QRCODE_PAY or SCAN_PAY");
    }
  }

  private static Money amount(Object v, String field, String currency) throws InvalidParameter {
    BigDecimal d;
    if (field.equals("amt")) {
      if (!(v instanceof BigDecimal b)) {
        throw new InvalidParameter(
            v == null ? "amt is required" : "amt must be a number of dollars such as 10.5");
      }
      d = b;
    } else {
      String s = ((String) v).trim();
      if (!s.matches("\\d{1,9}(\\.\\d+)?")) {
        throw new InvalidParameter(field + " must be a plain decimal such as 10.50");
      }
      d = new BigDecimal(s);
    }
    if (d.signum() <= 0) {
      throw new InvalidParameter(field + " must be positive");
    }
    if (d.stripTrailingZeros().scale() > 2) {
      throw new InvalidParameter(field + " must have at most 2 decimals");
    }
    if (d.compareTo(MAX_AMOUNT) > 0) {
      throw new InvalidParameter(field + " is too large");
    }
    return Money.of(d, currency);
  }

  private static Channel channel(Object v) throws InvalidParameter {
    if (v instanceof String s) {
      for (Channel ch : Channel.values()) {
        if (ch.wire().equals(s)) {
          return ch;
        }
      }
    }
    throw new InvalidParameter(
        v == null ? "channel is required" : "channel '" + v + "' is not supported");
  }

  private static String reference(Map<String, Object> c, String field, boolean required)
      throws InvalidParameter {
    Object v = c.get(field);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        throw new InvalidParameter(field + " is required");
      }
      return null;
    }
    if (!(v instanceof String s) || !s.matches("[A-Za-z0-9_\\-.]{1,128}")) {
      throw new InvalidParameter(field + " must be a string of 1-128 letters, digits, - or _");
    }
    return s;
  }

  private static Integer positiveInt(Map<String, Object> c, String field) throws InvalidParameter {
    Object v = c.get(field);
    if (v == null) {
      return null;
    }
    if (integer(v) instanceof Integer i && i > 0) {
      return i;
    }
    throw new InvalidParameter(field + " must be a positive integer (seconds)");
  }

  private static Integer integer(Object v) {
    if (v instanceof BigDecimal b) {
      try {
        return b.intValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }
}
