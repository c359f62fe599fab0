package io.ecrhub.ecr.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Encodes requests and decodes responses of the QFPay ECR protocol; also the terminal side of both
 * (used by the simulator). Stateless and thread-safe.
 */
public final class EcrCodec {
  /** Largest response body accepted (a real one is under 4 KiB). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private EcrCodec() {}

  /**
   * The HTTP body for {@code content}: with encryption, the Base64 AES ciphertext of Odoo's wrapper
   * as a JSON string literal (quotes included); without, the docs' JSON object with the digest.
   */
  public static String encodeRequest(Map<String, ?> content, String posKey, boolean encryption)
      throws EcrCodecException {
    byte[] key = keyBytes(posKey);
    String canonical = Canonical.render(content);
    String digest = Canonical.digest(canonical, posKey);
    if (encryption) {
      String b64 = AesCipher.encryptToBase64(Canonical.wrapper(canonical, digest), key);
      return "\"" + b64 + "\"";
    }
    return "{\"content\":" + Json.write(new TreeMap<>(content)) + ",\"digest\":\"" + digest + "\"}";
  }

  /** A request as a terminal decoded and verified it. */
  public record DecodedRequest(Map<String, Object> content, boolean wasEncrypted) {
    public int funcType() {
      Object f = content.get("func_type");
      if (f instanceof BigDecimal b) {
        return b.intValue();
      }
      if (f instanceof String s && s.matches("\\d{1,6}")) {
        return Integer.parseInt(s);
      }
      return -1;
    }
  }

  /**
   * Terminal side: decrypts (when the body is a JSON string), parses the wrapper and verifies the
   * digest in constant time. Kinds: UNDECRYPTABLE (5001), BAD_DIGEST (4003), MALFORMED (4006).
   */
  public static DecodedRequest decodeRequest(String body, String posKey, boolean encryptionExpected)
      throws EcrCodecException {
    byte[] key = keyBytes(posKey);
    if (body == null || body.isBlank()) {
      throw new EcrCodecException(EcrCodecException.Kind.MALFORMED, "empty body");
    }
    if (body.length() > MAX_BODY_BYTES) {
      throw new EcrCodecException(EcrCodecException.Kind.OVERSIZE, "body over " + MAX_BODY_BYTES);
    }
    String trimmed = body.trim();
    boolean encrypted = trimmed.startsWith("\"") || !trimmed.startsWith("{");
    if (encrypted != encryptionExpected) {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNDECRYPTABLE,
          encryptionExpected ? "expected an encrypted body" : "expected a plain JSON body");
    }
    String plain = trimmed;
    if (encrypted) {
      String b64 = trimmed;
      if (b64.startsWith("\"")) {
        Object s = LenientParser.parse(b64);
        if (!(s instanceof String str)) {
          throw new EcrCodecException(
              EcrCodecException.Kind.MALFORMED, "body is not a JSON string");
        }
        b64 = str;
      }
      plain = AesCipher.decryptFromBase64(b64, key);
    }
    Map<String, Object> wrapper = LenientParser.parseObject(plain);
    Object content = wrapper.get("content");
    if (content instanceof String s) {
      content = LenientParser.parse(s);
    }
    if (!(content instanceof Map<?, ?>) || !(wrapper.get("digest") instanceof String digest)) {
      throw new EcrCodecException(
          EcrCodecException.Kind.MALFORMED, "wrapper needs content (object) and digest (string)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> contentMap = new LinkedHashMap<>((Map<String, Object>) content);
    String canonical;
    try {
      canonical = Canonical.render(contentMap);
    } catch (EcrCodecException e) {
      throw new EcrCodecException(
          EcrCodecException.Kind.MALFORMED, "content cannot be canonicalised: " + e.getMessage());
    }
    String expected = Canonical.digest(canonical, posKey);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        digest.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new EcrCodecException(EcrCodecException.Kind.BAD_DIGEST, "digest does not match");
    }
    return new DecodedRequest(contentMap, encrypted);
  }

  /**
   * Decodes a terminal's answer (protocol doc §6.2): a plain JSON envelope with {@code respcd}; or
   * a JSON string / bare Base64 that decrypts (with the POS key) to such an envelope; {@code data}
   * as a JSON-encoded string or an object; unknown fields ignored.
   */
  public static EcrResponse decodeResponse(byte[] body, String posKey) throws EcrCodecException {
    if (body == null || body.length == 0) {
      throw new EcrCodecException(EcrCodecException.Kind.MALFORMED, "empty response");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new EcrCodecException(
          EcrCodecException.Kind.OVERSIZE,
          "response of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
    }
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      throw new EcrCodecException(EcrCodecException.Kind.MALFORMED, "empty response");
    }
    Map<String, Object> envelope;
    if (text.startsWith("{")) {
      envelope = LenientParser.parseObject(text);
    } else {
      if (!text.startsWith("\"") && !BASE64ISH.matcher(text).matches()) {
        throw new EcrCodecException(
            EcrCodecException.Kind.MALFORMED,
            "response is neither a JSON object nor Base64 ciphertext (starts with '"
                + abbreviate(text)
                + "')");
      }
      String b64 = text;
      if (text.startsWith("\"")) {
        Object s = LenientParser.parse(text);
        if (!(s instanceof String str)) {
          throw new EcrCodecException(
              EcrCodecException.Kind.MALFORMED, "response is not a JSON string");
        }
        b64 = str;
      }
      if (posKey == null) {
        throw new EcrCodecException(
            EcrCodecException.Kind.UNDECRYPTABLE, "encrypted response and no key");
      }
      envelope = LenientParser.parseObject(AesCipher.decryptFromBase64(b64, keyBytes(posKey)));
    }
    Object respcd = envelope.get("respcd");
    if (respcd == null) {
      throw new EcrCodecException(EcrCodecException.Kind.MALFORMED, "response has no respcd");
    }
    if (!(respcd instanceof String) && !(respcd instanceof BigDecimal)) {
      throw new EcrCodecException(
          EcrCodecException.Kind.MALFORMED, "respcd is neither a string nor a number");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    Object d = envelope.get("data");
    if (d instanceof String s && !s.isBlank()) {
      Object parsed;
      try {
        parsed = LenientParser.parse(s);
      } catch (EcrCodecException e) {
        throw new EcrCodecException(
            EcrCodecException.Kind.MALFORMED, "data is not a JSON document: " + e.getMessage());
      }
      if (parsed instanceof Map<?, ?> m) {
        m.forEach((k, v) -> data.put(String.valueOf(k), v));
      } else {
        throw new EcrCodecException(EcrCodecException.Kind.MALFORMED, "data is not an object");
      }
    } else if (d instanceof Map<?, ?> m) {
      m.forEach((k, v) -> data.put(String.valueOf(k), v));
    } else if (d != null && !(d instanceof String)) {
      throw new EcrCodecException(
          EcrCodecException.Kind.MALFORMED, "data is neither an object nor a JSON string");
    }
    return new EcrResponse(
        text(respcd),
        text(first(envelope, "respmsg", "resmsg")),
        text(first(envelope, "resperr", "reserr")),
        data);
  }

  /**
   * Terminal side: renders a response envelope with {@code data} as a JSON-encoded string, as the
   * docs show it; with {@code encrypt}, the whole envelope AES-encrypted as a JSON string literal.
   */
  public static String encodeResponse(EcrResponse response, String posKey, boolean encrypt)
      throws EcrCodecException {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("respcd", response.respcd());
    env.put("respmsg", response.respmsg() == null ? "" : response.respmsg());
    env.put("resperr", response.resperr() == null ? "" : response.resperr());
    env.put("data", response.data().isEmpty() ? "" : Json.write(response.data()));
    String json = Json.write(env);
    if (!encrypt) {
      return json;
    }
    return "\"" + AesCipher.encryptToBase64(json, keyBytes(posKey)) + "\"";
  }

  private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/=]+");

  private static byte[] keyBytes(String posKey) throws EcrCodecException {
    if (posKey == null || posKey.isEmpty()) {
      throw new EcrCodecException(EcrCodecException.Kind.BAD_KEY, "no POS key configured");
    }
    return posKey.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    String head = s.length() > 16 ? s.substring(0, 16) + "…" : s;
    StringBuilder sb = new StringBuilder();
    head.codePoints()
        .forEach(c -> sb.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
    return sb.toString();
  }

  private static Object first(Map<String, Object> m, String a, String b) {
    Object v = m.get(a);
    return v != null ? v : m.get(b);
  }

  static String text(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return String.valueOf(o);
  }
}
