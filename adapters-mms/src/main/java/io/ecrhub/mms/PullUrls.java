package io.ecrhub.mms;

import java.net.URI;
import java.util.Locale;

/**
 * Which device-list URLs the hub pulls from: {@code https://} only, so the POS keys in the answer
 * are never read (or replaced) by someone on the path. Plain {@code http://} is accepted only for a
 * loopback address written as such ({@code 127.0.0.0/8} or {@code [::1]}), which is what tests and
 * a local sidecar use; a host name is never resolved to decide.
 */
public final class PullUrls {
  private PullUrls() {}

  /**
   * @throws IllegalArgumentException with a one-line reason when {@code url} may not be pulled
   */
  public static void check(URI url) {
    if (url == null || !url.isAbsolute() || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the pull URL must be an absolute https:// URL with a host");
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && isLoopbackLiteral(url.getHost())) {
      return;
    }
    throw new IllegalArgumentException(
        "the pull URL must use https:// (plain http:// only for a loopback address such as"
            + " 127.0.0.1); got "
            + scheme
            + "://"
            + url.getHost());
  }

  /** True for {@code 127.x.y.z} and {@code ::1} written as literals (no name lookup). */
  static boolean isLoopbackLiteral(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
