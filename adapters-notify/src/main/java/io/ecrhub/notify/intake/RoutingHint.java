package io.ecrhub.notify.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Untrusted routing data read from a notification before its signature is checked, used only to try
 * the likely key first (protocol doc §7.4, §7.5): the {@code --}-separated segments of {@code
 * orig_out_trade_no} and {@code out_trade_no} (Odoo's {@code uuid--session--method}), the part of
 * each before its first {@code -} or {@code _}, and {@code mchid}.
 */
public record RoutingHint(Set<String> tokens) {
  public static final RoutingHint NONE = new RoutingHint(Set.of());

  public RoutingHint {
    tokens = Set.copyOf(tokens);
  }

  public static RoutingHint of(String outTradeNo, String origOutTradeNo, String mchid) {
    Set<String> t = new LinkedHashSet<>();
    for (String ref : new String[] {origOutTradeNo, outTradeNo}) {
      if (ref == null || ref.isBlank() || ref.length() > 256) {
        continue;
      }
      String trimmed = ref.trim();
      t.add(trimmed);
      for (String segment : segments(trimmed)) {
        if (!segment.isEmpty()) {
          t.add(segment);
          int cut = firstSeparator(segment);
          if (cut > 0) {
            t.add(segment.substring(0, cut));
          }
        }
      }
    }
    if (mchid != null && !mchid.isBlank() && mchid.length() <= 64) {
      t.add(mchid.trim());
    }
    return new RoutingHint(t);
  }

  /** {@code s.split("--", 8)} without a regular expression. */
  private static List<String> segments(String s) {
    List<String> out = new ArrayList<>(4);
    int from = 0;
    while (out.size() < 7) {
      int cut = s.indexOf("--", from);
      if (cut < 0) {
        break;
      }
      out.add(s.substring(from, cut));
      from = cut + 2;
    }
    out.add(s.substring(from));
    return out;
  }

  private static int firstSeparator(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-' || c == '_') {
        return i;
      }
    }
    return -1;
  }
}
