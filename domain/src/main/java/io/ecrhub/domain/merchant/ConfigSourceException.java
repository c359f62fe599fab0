package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.DomainException;

/**
 * A configuration source could not deliver anything usable: unreachable, refused, circuit open, or
 * a file that is not a POS Key List at all. Codes: {@code CONFIG_SOURCE_UNAVAILABLE}, {@code
 * CONFIG_SOURCE_INVALID}.
 */
public final class ConfigSourceException extends DomainException {
  private static final long serialVersionUID = 1L;

  public static final String UNAVAILABLE = "CONFIG_SOURCE_UNAVAILABLE";
  public static final String INVALID = "CONFIG_SOURCE_INVALID";

  public ConfigSourceException(String code, String message) {
    super(code, message);
  }

  public static ConfigSourceException unavailable(String message) {
    return new ConfigSourceException(UNAVAILABLE, message);
  }

  public static ConfigSourceException invalid(String message) {
    return new ConfigSourceException(INVALID, message);
  }
}
