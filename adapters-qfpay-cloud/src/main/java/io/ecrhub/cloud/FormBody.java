package io.ecrhub.cloud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** {@code application/x-www-form-urlencoded} in UTF-8, parameters in name order. */
final class FormBody {
  static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

  private FormBody() {}

  static String encode(Map<String, String> params) {
    return join(params, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
  }

  /**
   * {@code k=v} pairs in name order joined with {@code &}, names and values through {@code escape}.
   */
  static String join(Map<String, String> params, UnaryOperator<String> escape) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(escape.apply(e.getKey())).append('=').append(escape.apply(e.getValue()));
    }
    return sb.toString();
  }
}
