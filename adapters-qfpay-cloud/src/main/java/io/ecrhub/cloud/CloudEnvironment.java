package io.ecrhub.cloud;

import java.net.URI;
import java.util.Locale;

/** QFPay's Open API environments (protocol doc §8.2). */
public enum CloudEnvironment {
  /** Live settlement. */
  PRODUCTION("production", "https://openapi-hk.qfapi.com"),
  /** The real flow with test accounts, not settled. */
  LIVE_TEST("live-test", "https://test-openapi-hk.qfapi.com"),
  /** Card simulation only. */
  SANDBOX("sandbox", "https://openapi-int.qfapi.com");

  private final String configName;
  private final URI baseUrl;

  CloudEnvironment(String configName, String baseUrl) {
    this.configName = configName;
    this.baseUrl = URI.create(baseUrl);
  }

  public String configName() {
    return configName;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** {@code production}, {@code live-test} or {@code sandbox}. */
  public static CloudEnvironment named(String name) {
    for (CloudEnvironment e : values()) {
      if (e.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "QFPay cloud environment must be production, live-test or sandbox, not " + name);
  }

  /**
   * The base URL to use: {@code url} when given, else the named environment's. HTTPS only; plain
   * HTTP is accepted for a loopback host (tests, a local stand-in) and nothing else.
   */
  public static URI resolve(String url, String environment) {
    boolean hasUrl = url != null && !url.isBlank();
    boolean hasEnv = environment != null && !environment.isBlank();
    if (hasUrl && hasEnv) {
      throw new IllegalArgumentException("set the QFPay cloud url or its environment, not both");
    }
    if (!hasUrl) {
      if (!hasEnv) {
        throw new IllegalArgumentException("set the QFPay cloud url or its environment");
      }
      return named(environment).baseUrl();
    }
    URI u;
    try {
      u = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QFPay cloud url is not a URL: " + e.getMessage(), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new IllegalArgumentException("QFPay cloud url must be scheme://host[:port][/path]");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(u.getHost()))) {
      throw new IllegalArgumentException(
          "QFPay cloud url must use https (plain http only for a loopback host)");
    }
    return u;
  }

  /** localhost, 127.0.0.0/8 or ::1, decided from the text alone (no DNS lookup). */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
