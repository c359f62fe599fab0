package io.ecrhub.ecr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Round trips for arbitrary legal content, and: arbitrary input never escapes as unchecked. */
class CodecPropertiesTest {

  @Property(tries = 300)
  void aesRoundTripsArbitraryText(@ForAll String text, @ForAll("keys") byte[] key)
      throws Exception {
    String c = AesCipher.encryptToBase64(text, key);
    assertThat(c).matches("[A-Za-z0-9+/]*={0,2}");
    assertThat(AesCipher.decryptFromBase64(c, key))
        .isEqualTo(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void canonicalRenderParseRenderIsIdentity(@ForAll("contents") Map<String, Object> content)
      throws Exception {
    String canonical = Canonical.render(content);
    Map<String, Object> parsed = LenientParser.parseObject(canonical);
    assertThat(Canonical.render(parsed)).isEqualTo(canonical);
    assertThat(parsed.keySet()).containsExactlyInAnyOrderElementsOf(content.keySet());
  }

  @Property(tries = 300)
  void encryptedRequestRoundTrips(
      @ForAll("contents") Map<String, Object> content, @ForAll("posKeys") String posKey)
      throws Exception {
    String body = EcrCodec.encodeRequest(content, posKey, true);
    assertThat(body).startsWith("\"").endsWith("\"");
    EcrCodec.DecodedRequest decoded = EcrCodec.decodeRequest(body, posKey, true);
    assertThat(decoded.wasEncrypted()).isTrue();
    assertThat(Canonical.render(decoded.content())).isEqualTo(Canonical.render(content));
  }

  @Property(tries = 300)
  void plainRequestRoundTrips(
      @ForAll("contents") Map<String, Object> content, @ForAll("posKeys") String posKey)
      throws Exception {
    String body = EcrCodec.encodeRequest(content, posKey, false);
    EcrCodec.DecodedRequest decoded = EcrCodec.decodeRequest(body, posKey, false);
    assertThat(decoded.wasEncrypted()).isFalse();
    assertThat(Canonical.render(decoded.content())).isEqualTo(Canonical.render(content));
  }

  @Property(tries = 300)
  void responseRoundTripsPlainAndEncrypted(
      @ForAll("responses") EcrResponse response,
      @ForAll("posKeys") String posKey,
      @ForAll boolean encrypt)
      throws Exception {
    String body = EcrCodec.encodeResponse(response, posKey, encrypt);
    EcrResponse back = EcrCodec.decodeResponse(body.getBytes(StandardCharsets.UTF_8), posKey);
    assertThat(back.respcd()).isEqualTo(response.respcd());
    assertThat(back.respmsg()).isEqualTo(response.respmsg());
    assertThat(back.resperr()).isEqualTo(response.resperr());
    assertThat(back.data().keySet()).containsExactlyElementsOf(response.data().keySet());
    response
        .data()
        .forEach(
            (k, v) -> {
              Object got = back.data().get(k);
              if (v instanceof BigDecimal b) {
                assertThat((BigDecimal) got).isEqualByComparingTo(b);
              } else {
                assertThat(got).isEqualTo(v);
              }
            });
  }

  @Property(tries = 1000)
  void arbitraryBytesIntoDecodeResponseNeverThrowUnchecked(@ForAll byte[] body) {
    assertOnlyCodecExceptions(
        () -> EcrCodec.decodeResponse(body, "f46b1f08bec1f39104792cc79ec9aacd"));
  }

  @Property(tries = 1000)
  void arbitraryStringsIntoDecodersNeverThrowUnchecked(@ForAll("hostile") String text) {
    String key = "f46b1f08bec1f39104792cc79ec9aacd";
    assertOnlyCodecExceptions(() -> LenientParser.parse(text));
    assertOnlyCodecExceptions(
        () -> EcrCodec.decodeResponse(text.getBytes(StandardCharsets.UTF_8), key));
    assertOnlyCodecExceptions(() -> EcrCodec.decodeRequest(text, key, true));
    assertOnlyCodecExceptions(() -> EcrCodec.decodeRequest(text, key, false));
  }

  @Property(tries = 500)
  void wellFormedButHostileEnvelopesNeverThrowUnchecked(@ForAll("hostile") String inner) {
    String key = "f46b1f08bec1f39104792cc79ec9aacd";
    for (String body :
        new String[] {
          "{\"respcd\":" + inner + "}",
          "{\"respcd\":\"6000\",\"data\":" + inner + "}",
          "{\"respcd\":\"6000\",\"data\":\"" + inner.replace("\"", "\\\"") + "\"}",
          "{content:" + inner + ", digest:'AB'}",
          "{content:{func_type=" + inner + "}, digest:'AB'}"
        }) {
      assertOnlyCodecExceptions(
          () -> EcrCodec.decodeResponse(body.getBytes(StandardCharsets.UTF_8), key));
      assertOnlyCodecExceptions(() -> EcrCodec.decodeRequest(body, key, false));
      assertOnlyCodecExceptions(
          () -> {
            String c = AesCipher.encryptToBase64(body, key.getBytes(StandardCharsets.UTF_8));
            EcrCodec.decodeRequest("\"" + c + "\"", key, true);
            EcrCodec.decodeResponse(("\"" + c + "\"").getBytes(StandardCharsets.UTF_8), key);
          });
    }
  }

  interface CodecCall {
    void run() throws EcrCodecException;
  }

  static void assertOnlyCodecExceptions(CodecCall call) {
    try {
      call.run();
    } catch (EcrCodecException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<byte[]> keys() {
    return Arbitraries.of(16, 24, 32)
        .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
  }

  @Provide
  Arbitrary<String> posKeys() {
    return Arbitraries.of(16, 24, 32)
        .flatMap(n -> Arbitraries.strings().withCharRange('!', '~').ofLength(n));
  }

  static Arbitrary<String> legalText() {
    return Arbitraries.strings().all().ofMaxLength(40).filter(CodecPropertiesTest::legal);
  }

  /** Text the wire format can carry: no forbidden character, no unpaired surrogate. */
  static boolean legal(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("'\",{}=\\".indexOf(c) >= 0 || Character.isISOControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)
          && (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static Arbitrary<String> keyNames() {
    Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
    Arbitrary<String> rest =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .numeric()
            .withChars('_')
            .ofMaxLength(12);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  static Arbitrary<Object> values() {
    Arbitrary<Object> decimals =
        Arbitraries.bigDecimals()
            .between(new BigDecimal("-1000000"), new BigDecimal("1000000"))
            .ofScale(4)
            .map(b -> b);
    Arbitrary<Object> ints = Arbitraries.integers().map(i -> i);
    Arbitrary<Object> strings = legalText().map(s -> s);
    return Arbitraries.oneOf(decimals, ints, strings, Arbitraries.just(null));
  }

  @Provide
  Arbitrary<Map<String, Object>> contents() {
    return Arbitraries.maps(keyNames(), values()).ofMaxSize(8).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<EcrResponse> responses() {
    Arbitrary<String> codes = Arbitraries.strings().numeric().ofLength(4);
    Arbitrary<Object> dataValues =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(30).map(s -> (Object) s),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-99999"), new BigDecimal("99999"))
                .ofScale(2)
                .map(b -> (Object) b.stripTrailingZeros()));
    Arbitrary<Map<String, Object>> data =
        Arbitraries.maps(keyNames(), dataValues).ofMaxSize(6).map(LinkedHashMap::new);
    return Combinators.combine(
            codes,
            Arbitraries.strings().all().ofMaxLength(30),
            Arbitraries.strings().all().ofMaxLength(30),
            data)
        .as(EcrResponse::new);
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ":",
            "=",
            ",",
            "'",
            "\"",
            "\\",
            "\\u",
            "\\u12",
            "\\uzzzz",
            "\\u+1ab",
            "1e999999999",
            "1e2147483648",
            "1e2147483649",
            "-",
            "1.",
            ".5",
            "1e",
            "9".repeat(45),
            "true",
            "null",
            "content",
            "digest",
            "respcd",
            "data",
            " ",
            "\n",
            "a",
            "0",
            "é",
            "\uD800",
            "/n",
            "==",
            "AAAA",
            "XczeNuwMCct+IaXZ00lv7H3Q5alZd7lI");
    Arbitrary<String> composed = tokens.list().ofMaxSize(30).map(l -> String.join("", l));
    Arbitrary<String> nested =
        Arbitraries.integers().between(1, 200).map(n -> "[".repeat(n) + "{a:".repeat(n));
    Arbitrary<String> listed =
        tokens.list().ofMaxSize(10).map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.oneOf(composed, listed, Arbitraries.strings().all().ofMaxLength(60), nested);
  }

  @Property(tries = 50)
  void arbitraryBase64LikeBodiesNeverThrowUnchecked(
      @ForAll @Size(max = 200) byte[] raw, @ForAll @StringLength(max = 3) String tail) {
    String b64 = java.util.Base64.getEncoder().encodeToString(raw) + tail;
    assertOnlyCodecExceptions(
        () ->
            EcrCodec.decodeResponse(
                ("\"" + b64 + "\"").getBytes(StandardCharsets.UTF_8),
                "f46b1f08bec1f39104792cc79ec9aacd"));
  }
}
