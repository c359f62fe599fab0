package io.ecrhub.notify.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tolerant parser of QFPay notification bodies (protocol doc §7.4): amounts as strings or numbers
 * (cents), unknown fields kept, {@code notify_type} normalised ({@code cancel} is a refund, {@code
 * unfreeze} a preauth release), optional fields may be missing. Refuses with a reason what cannot
 * be a notification: not a JSON object, duplicate keys, no known type, no valid syssn, no amount.
 */
public final class NotificationParser {
  private static final Pattern SYSSN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The longest {@code txamt} text looked at (18 digits of cents, a fraction of zeros, spaces). */
  static final int MAX_AMOUNT_CHARS = 40;

  /**
   * A {@code txamt} as QFPay writes it (cents, e.g. {@code 1050}), also as a JSON number's text
   * ({@code 1050.00}, {@code 1.05E+3}); an exponent of at most two digits.
   */
  private static final Pattern AMOUNT_SHAPE =
      Pattern.compile("[+-]?\\d{1,18}(\\.\\d{0,20})?([eE][+-]?\\d{1,2})?");

  /** Largest scale (either sign) of a JSON number written out in plain digits. */
  private static final int MAX_PLAIN_SCALE = 40;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
          .build();
  private final String defaultCurrency;

  /**
   * @param defaultCurrency the currency assumed when {@code txcurrcd} is missing (e.g. HKD)
   */
  public NotificationParser(String defaultCurrency) {
    Money.currency(defaultCurrency);
    this.defaultCurrency = defaultCurrency;
  }

  /** Reads the body as a JSON object; refuses anything else. */
  public ObjectNode readTree(byte[] body) {
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedNotificationException("body is not valid JSON: " + brief(e));
    } catch (java.io.IOException e) {
      throw new MalformedNotificationException("body is not readable");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedNotificationException("body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** The untrusted routing data of a parsed body, to pick the verification key. */
  public static RoutingHint routingHint(ObjectNode tree) {
    return RoutingHint.of(
        text(tree, "out_trade_no"), text(tree, "orig_out_trade_no"), text(tree, "mchid"));
  }

  /**
   * The legacy signing input of a body (QFPay's 2019 PHP sample, protocol doc §7.2): every
   * top-level field sorted by name (code-unit order: PHP's {@code ksort} order for ASCII names),
   * written {@code name=value} without escaping and joined with {@code &}; strings as they are,
   * numbers as written, {@code true} as {@code 1}, {@code false} and {@code null} as empty. A body
   * with a nested object or array has no legacy form (PHP would print {@code Array}), nor does an
   * empty body.
   *
   * @return the UTF-8 bytes to sign (the key is appended by the signer), or null
   */
  public static byte[] legacySigningForm(ObjectNode tree) {
    java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      JsonNode v = e.getValue();
      String text;
      if (v.isContainerNode()) {
        return null;
      } else if (v.isNull()) {
        text = "";
      } else if (v.isBoolean()) {
        text = v.booleanValue() ? "1" : "";
      } else if (v.isNumber()) {
        text = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asText();
      } else {
        text = v.asText();
      }
      sorted.put(e.getKey(), text);
    }
    if (sorted.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    sorted.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses raw bytes into a notification (read + map). */
  public QfpayNotification parse(byte[] body) {
    return toNotification(readTree(body));
  }

  /** Maps a JSON object to a notification, or refuses it with a reason. */
  public QfpayNotification toNotification(ObjectNode tree) {
    Map<String, String> fields = new LinkedHashMap<>();
    tree.properties().forEach(e -> putField(fields, e.getKey(), e.getValue()));
    String wireType = fields.get("notify_type");
    NotificationType type =
        NotificationType.fromWire(wireType)
            .orElseThrow(
                () ->
                    new MalformedNotificationException(
                        wireType == null
                            ? "notify_type is missing"
                            : "notify_type '"
                                + clip(wireType)
                                + "' is not payment, refund, cancel or unfreeze"));
    String syssn = trimmed(fields.get("syssn"));
    if (syssn == null || !SYSSN.matcher(syssn).matches()) {
      throw new MalformedNotificationException("syssn is missing or not 1-64 letters or digits");
    }
    String currency = trimmed(fields.get("txcurrcd"));
    Money amount = amount(fields.get("txamt"), currency == null ? defaultCurrency : currency);
    if (amount == null && type != NotificationType.PREAUTH_RELEASE) {
      throw new MalformedNotificationException("txamt (cents) is missing");
    }
    return new QfpayNotification(
        type,
        syssn,
        trimmed(fields.get("out_trade_no")),
        trimmed(fields.get("orig_syssn")),
        trimmed(fields.get("orig_out_trade_no")),
        amount,
        trimmed(fields.get("pay_type")),
        trimmed(fields.get("status")),
        trimmed(fields.get("respcd")),
        fields);
  }

  private static Money amount(String text, String currency) {
    String t = trimmed(text);
    if (t == null) {
      return null;
    }
    // bounded before BigDecimal: a 10,000-digit amount or an absurd exponent is refused at once
    if (t.length() > MAX_AMOUNT_CHARS || !AMOUNT_SHAPE.matcher(t).matches()) {
      throw new MalformedNotificationException(
          "txamt must be a whole number of cents (at most 18 digits)");
    }
    BigDecimal cents;
    try {
      cents = new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw new MalformedNotificationException("txamt must be a whole number of cents");
    }
    if (cents.signum() < 0 || cents.stripTrailingZeros().scale() > 0 || cents.precision() > 18) {
      throw new MalformedNotificationException(
          "txamt must be a whole, non-negative number of cents");
    }
    try {
      return Money.ofMinor(cents.longValueExact(), currency);
    } catch (DomainException | ArithmeticException e) {
      throw new MalformedNotificationException(
          "txamt/txcurrcd is not a usable amount: " + e.getMessage());
    }
  }

  private static void putField(Map<String, String> fields, String name, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    if (value.isTextual()) {
      fields.put(name, value.textValue());
    } else if (value.isNumber()) {
      fields.put(name, numberText(value));
    } else {
      fields.put(name, value.toString());
    }
  }

  /**
   * A JSON number as text: plain digits when that is short, else as written by {@link
   * BigDecimal#toString()} ({@code 1E+999999999}; {@code toPlainString} would build a
   * billion-character string). Jackson bounds a number's length (1,000 characters), not its
   * exponent.
   */
  static String numberText(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    BigDecimal d = value.decimalValue();
    return Math.abs((long) d.scale()) <= MAX_PLAIN_SCALE ? d.toPlainString() : d.toString();
  }

  /** The text of one top-level scalar field of a parsed body, or null. */
  public static String field(ObjectNode tree, String field) {
    return text(tree, field);
  }

  /** Whether a syssn is usable as an identity (1-64 letters, digits, '_' or '-'). */
  public static boolean validSyssn(String syssn) {
    return syssn != null && SYSSN.matcher(syssn.trim()).matches();
  }

  private static String text(ObjectNode tree, String field) {
    JsonNode n = tree.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static String brief(JacksonException e) {
    String m = e.getOriginalMessage();
    String line = m == null ? "unreadable" : m.lines().findFirst().orElse(m);
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }
}
