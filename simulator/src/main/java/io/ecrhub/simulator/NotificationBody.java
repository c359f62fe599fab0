package io.ecrhub.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * QFPay notification bodies (protocol doc §7.4) and their signature (§7.2). Bodies are serialized
 * as Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "} separators,
 * non-ASCII escaped as {@code \\uXXXX}), which is what QFPay's sender most likely produces; every
 * value is a string; {@code txamt} is in cents.
 */
final class NotificationBody {
  private NotificationBody() {}

  static Map<String, String> payment(SimTransaction p) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("status", "1");
    m.put("notify_type", "payment");
    m.put("pay_type", p.busicd());
    m.put("syssn", p.syssn());
    m.put("out_trade_no", nz(p.outTradeNo()));
    m.put("txamt", Long.toString(p.amount().minorUnits()));
    m.put("txcurrcd", p.amount().currency().getCurrencyCode());
    m.put("txdtm", ResponseData.time(p.createdAt()));
    m.put("sysdtm", ResponseData.time(p.createdAt()));
    m.put("paydtm", ResponseData.time(p.completedAt()));
    m.put("cancel", "0");
    m.put("respcd", "0000");
    return m;
  }

  static Map<String, String> refund(SimTransaction r, SimTransaction payment, String notifyType) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("status", "1");
    m.put("notify_type", notifyType);
    m.put("pay_type", r.busicd());
    m.put("syssn", r.syssn());
    m.put("out_trade_no", nz(r.outTradeNo()));
    m.put("orig_syssn", payment.syssn());
    m.put("orig_out_trade_no", nz(payment.outTradeNo()));
    m.put("txamt", Long.toString(r.amount().minorUnits()));
    m.put("txcurrcd", r.amount().currency().getCurrencyCode());
    m.put("txdtm", ResponseData.time(r.createdAt()));
    m.put("sysdtm", ResponseData.time(r.createdAt()));
    m.put("paydtm", ResponseData.time(r.completedAt()));
    m.put("cancel", "0");
    m.put("respcd", "0000");
    return m;
  }

  /** {@code json.dumps(fields)} with Python's defaults. */
  static String pythonJson(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      quote(sb, e.getKey());
      sb.append(": ");
      quote(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  /** {@code X-QF-SIGN}: uppercase hex MD5 of the raw body bytes followed by the key's UTF-8. */
  static String sign(byte[] rawBody, String key) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(rawBody);
      md5.update(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5.digest()).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
