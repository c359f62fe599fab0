package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/** A Haojin app version such as {@code 4.34.12}. */
public record AppVersion(int major, int minor, int patch) implements Comparable<AppVersion> {
  /** Minimum version for ECR over HTTPS. */
  public static final AppVersion HTTPS_MINIMUM = new AppVersion(4, 34, 12);

  public static AppVersion parse(String text) {
    ValidationException.require(
        text != null && text.trim().matches("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}"),
        "INVALID_APP_VERSION",
        "appVersion",
        "app version must look like 4.34.12");
    String[] p = text.trim().split("\\.");
    return new AppVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
  }

  public boolean supportsHttps() {
    return compareTo(HTTPS_MINIMUM) >= 0;
  }

  @Override
  public int compareTo(AppVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
