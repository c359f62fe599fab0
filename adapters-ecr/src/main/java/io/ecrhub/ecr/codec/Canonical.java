package io.ecrhub.ecr.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical content and digest (protocol doc §5.2, §5.3).
 *
 * <p>Worked example (vector V1): {@code {amt=100,channel='card_payment',func_type=1001,
 * out_trade_no='456799999999'}}; keys sorted by code point, strings single-quoted, numbers bare in
 * Odoo's form ({@code 100}, {@code 10.5}, never {@code 100.0}), null as {@code ''}. Digest =
 * uppercase hex MD5 of canonical + POS key.
 */
public final class Canonical {
  private Canonical() {}

  /**
   * Renders {@code content} canonically; refuses values the lenient terminal parser would misread.
   */
  public static String render(Map<String, ?> content) throws EcrCodecException {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, ?> e : new TreeMap<>(content).entrySet()) {
      checkSafe(e.getKey(), e.getKey());
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append('=');
      Object v = e.getValue();
      if (v == null) {
        sb.append("''");
      } else if (v instanceof String s) {
        checkSafe(e.getKey(), s);
        sb.append('\'').append(s).append('\'');
      } else if (v instanceof Number n) {
        sb.append(number(n));
      } else {
        throw new EcrCodecException(
            EcrCodecException.Kind.UNSAFE_VALUE,
            "field " + e.getKey() + " has an unsupported type " + v.getClass().getSimpleName());
      }
    }
    return sb.append('}').toString();
  }

  /** Odoo/Python form of a number: {@code 100}, {@code 10.5}, {@code 0.05}. */
  public static String number(Number n) throws EcrCodecException {
    BigDecimal d;
    if (n instanceof BigDecimal b) {
      d = b;
    } else if (n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte) {
      d = BigDecimal.valueOf(n.longValue());
    } else {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNSAFE_VALUE,
          "only exact numbers (integers, BigDecimal) go on the wire, not "
              + n.getClass().getSimpleName());
    }
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  /** Uppercase hex MD5 of canonical + key (UTF-8). */
  public static String digest(String canonical, String posKey) {
    return md5Upper((canonical + posKey).getBytes(StandardCharsets.UTF_8));
  }

  static String md5Upper(byte[] data) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(data))
          .toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** Odoo's plaintext wrapper: {@code {content:<canonical>, digest:'<DIGEST>'}}. */
  public static String wrapper(String canonical, String digest) {
    return "{content:" + canonical + ", digest:'" + digest + "'}";
  }

  private static void checkSafe(String field, String value) throws EcrCodecException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new EcrCodecException(
            EcrCodecException.Kind.UNSAFE_VALUE,
            "field " + field + " contains an unpaired surrogate (not encodable as UTF-8)");
      }
      if (c == '\''
          || c == '"'
          || c == ','
          || c == '{'
          || c == '}'
          || c == '='
          || c == '\\'
          || Character.isISOControl(c)) {
        throw new EcrCodecException(
            EcrCodecException.Kind.UNSAFE_VALUE,
            "field "
                + field
                + " contains '"
                + (Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : String.valueOf(c))
                + "', which the ECR wire format cannot escape");
      }
    }
  }
}
