package io.ecrhub.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What QFPay checks on an Open API request (protocol doc §8.1), done strictly: the body is {@code
 * application/x-www-form-urlencoded} UTF-8 with valid escapes and no repeated names; {@code
 * X-QF-APPCODE} is the account's; {@code X-QF-SIGN} is the upper-case MD5 (or SHA-256 with {@code
 * X-QF-SIGNTYPE: SHA256}) of the sorted raw {@code k=v&...} plus the client key; {@code mchid} is
 * present exactly when the account has one. Written apart from the hub's signer, on purpose.
 */
final class CloudRequestCheck {
  /** The decoded parameters and every rule the request broke (empty: a valid request). */
  record Result(Map<String, String> params, List<String> violations) {}

  private CloudRequestCheck() {}

  static Result check(
      CloudStandInConfig account,
      String contentType,
      String appCode,
      String signType,
      String sign,
      byte[] body) {
    List<String> v = new ArrayList<>();
    Map<String, String> params = new TreeMap<>();
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
    if (!ct.equals("application/x-www-form-urlencoded")
        && !ct.equals("application/x-www-form-urlencoded;charset=utf-8")) {
      v.add("Content-Type is not application/x-www-form-urlencoded UTF-8: " + contentType);
    }
    String text = new String(body, StandardCharsets.US_ASCII);
    if (!text.chars().allMatch(CloudRequestCheck::formCharacter)) {
      v.add("the body has characters the form encoding escapes (RFC 1866 / WHATWG urlencoded)");
    }
    for (String pair : text.isEmpty() ? new String[0] : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        v.add("a form field without name=value: " + pair);
        continue;
      }
      String name = decode(pair.substring(0, eq), v);
      String value = decode(pair.substring(eq + 1), v);
      if (name != null && value != null && params.put(name, value) != null) {
        v.add("field " + name + " repeated");
      }
    }
    if (!account.appCode().equals(appCode)) {
      v.add("X-QF-APPCODE is not the account's");
    }
    String algorithm =
        signType == null || signType.equals("MD5")
            ? "MD5"
            : signType.equals("SHA256") ? "SHA-256" : null;
    if (algorithm == null) {
      v.add("X-QF-SIGNTYPE must be MD5 or SHA256: " + signType);
    } else if (sign == null || !sign.equals(sign(params, account.clientKey(), algorithm))) {
      v.add("X-QF-SIGN does not match the upper-case " + algorithm + " of the sorted raw fields");
    }
    String mchid = params.get("mchid");
    if (account.mchid() == null ? mchid != null : !account.mchid().equals(mchid)) {
      v.add(
          account.mchid() == null
              ? "mchid sent to an account without one"
              : "mchid missing or wrong");
    }
    return new Result(params, List.copyOf(v));
  }

  static String sign(Map<String, String> params, String key, String algorithm) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(params)
        .forEach((k, val) -> sb.append(sb.isEmpty() ? "" : "&").append(k).append('=').append(val));
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(
              MessageDigest.getInstance(algorithm)
                  .digest((sb + key).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Strict form decoding: {@code +} is a space, {@code %XX} two hex digits, UTF-8 only. */
  private static String decode(String s, List<String> violations) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          violations.add("a bad %-escape in " + s);
          return null;
        }
        out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      violations.add("a field that is not UTF-8");
      return null;
    }
  }

  /** What an application/x-www-form-urlencoded serializer leaves as it is, plus its syntax. */
  private static boolean formCharacter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "*-._+%=&".indexOf(c) >= 0;
  }
}
