package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Locale;

/** The hash an account's Open API requests are signed with (protocol doc §8.1). */
public enum CloudSignType {
  /** Upper-case MD5, QFPay's default. */
  MD5,
  /** SHA-256, sent with {@code X-QF-SIGNTYPE: SHA256}. */
  SHA256;

  /** {@code MD5} or {@code SHA256} (any case, {@code SHA-256} too); null or blank is MD5. */
  public static CloudSignType parse(String text) {
    if (text == null || text.isBlank()) {
      return MD5;
    }
    return switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "MD5" -> MD5;
      case "SHA256", "SHA-256" -> SHA256;
      default ->
          throw new ValidationException(
              "INVALID_SIGN_TYPE", "signType", "signType must be MD5 or SHA256");
    };
  }
}
