package io.ecrhub.cloud;

import io.ecrhub.domain.cloud.ClientKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Open API request signature (protocol doc §8.1): the parameters sorted by name, written as
 * {@code k=v} over the raw (not URL-encoded) values and joined with {@code &}, the client key
 * appended, hashed (MD5 or SHA-256, UTF-8) and written as upper-case hex. Example: {@code
 * {txamt=10, out_trade_no=a}} with key {@code K} signs {@code MD5("out_trade_no=a&txamt=10K")}.
 */
final class OpenApiSignature {
  private OpenApiSignature() {}

  /** The text that is hashed, without the key: {@code a=1&b=2}. */
  static String canonical(Map<String, String> params) {
    return FormBody.join(params, UnaryOperator.identity());
  }

  /** {@code X-QF-SIGN} for these parameters. */
  static String sign(Map<String, String> params, ClientKey key, SignType type) {
    try {
      byte[] digest =
          MessageDigest.getInstance(type.algorithm())
              .digest((canonical(params) + key.reveal()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
