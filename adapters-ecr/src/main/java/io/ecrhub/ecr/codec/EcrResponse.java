package io.ecrhub.ecr.codec;

import java.util.Map;

/**
 * A terminal's answer: the envelope fields and {@code data} as a map (already parsed when it came
 * as a JSON-encoded string). {@code resperr}/{@code respmsg} fall back to {@code reserr}/{@code
 * resmsg}.
 */
public record EcrResponse(String respcd, String respmsg, String resperr, Map<String, Object> data) {
  public EcrResponse {
    data =
        data == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  /** The best human message: resperr, else respmsg (as Odoo reads them). */
  public String message() {
    if (resperr != null && !resperr.isBlank()) {
      return resperr;
    }
    return respmsg == null ? "" : respmsg;
  }
}
