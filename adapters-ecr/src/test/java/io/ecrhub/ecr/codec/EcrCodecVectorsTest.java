package io.ecrhub.ecr.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol doc's vectors (§5.5, §5.6) reproduced byte for byte, and the wire-safety rules. */
class EcrCodecVectorsTest {
  static final String KEY = "f46b1f08bec1f39104792cc79ec9aacd";

  static final String V1_CANONICAL =
      "{amt=100,channel='card_payment',func_type=1001,out_trade_no='456799999999'}";
  static final String V1_DIGEST = "2488996B9F24A85B41488ECB435B331D";
  static final String V1_WRAPPER =
      "{content:{amt=100,channel='card_payment',func_type=1001,out_trade_no='456799999999'},"
          + " digest:'2488996B9F24A85B41488ECB435B331D'}";
  static final String V1_CIPHERTEXT =
      "02sc4oen89DDDg3ThTAr1D7ZWydNqUa7QWxaXIKBn8tFoMBWNNAESKlPaYjZcRT0TBljvQ3TftiPz0sGR8YJYZ1dDBWBt+88"
          + "TC41N4HBCPOGoYYcHphdiSe0yQMbsvUYj0S0DpK3RDUDjQbOu1YXI/uT8B+y7/8pQE5w58/aANDmYRqqdnZlgyRmdtGipL8E";

  static final String V4_DIGEST = "99CE8BF9C7304AC964522D10F51660B4";
  static final String V4_CIPHERTEXT =
      "XczeNuwMCct+IaXZ00lv7Pern+ttWiSyG+Y62QH+wXr471L2opZR5JPeQPXADN/Xc1s+VL82RqBp0KFPo5Mm6KUFau0S1WRP"
          + "C2YN4s6WpiFjwrbGPq3JPZ2OYXTGZHAb";

  static final String V5_CIPHERTEXT =
      "XczeNuwMCct+IaXZ00lv7H3Q5alZd7lIXI7v3FixqikZe+SY96RBdR77gWNKpF6wtS9LI/nOPYn5xcIZMucdP9755Tbhaqtt"
          + "SWuk2UsNOIg=";

  static Map<String, Object> v1Content() {
    Map<String, Object> m = new LinkedHashMap<>();
    // insertion order deliberately unsorted: the canonical form sorts
    m.put("out_trade_no", "456799999999");
    m.put("func_type", 1001);
    m.put("channel", "card_payment");
    m.put("amt", new BigDecimal("100.00"));
    return m;
  }

  @Test
  void v1_canonicalDigestWrapperCiphertextAndBody_matchTheDocByteForByte() throws Exception {
    String canonical = Canonical.render(v1Content());
    assertThat(canonical).isEqualTo(V1_CANONICAL);
    String digest = Canonical.digest(canonical, KEY);
    assertThat(digest).isEqualTo(V1_DIGEST);
    String wrapper = Canonical.wrapper(canonical, digest);
    assertThat(wrapper).isEqualTo(V1_WRAPPER);
    assertThat(wrapper.getBytes(StandardCharsets.UTF_8)).hasSize(128);
    String ciphertext = AesCipher.encryptToBase64(wrapper, KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(ciphertext).isEqualTo(V1_CIPHERTEXT);
    String body = EcrCodec.encodeRequest(v1Content(), KEY, true);
    assertThat(body).isEqualTo("\"" + V1_CIPHERTEXT + "\"");
    assertThat(body).startsWith("\"02sc4oen").endsWith("pL8E\"").doesNotContain("\\u003d");
  }

  @Test
  void v1_ciphertextDecryptsBackToTheWrapper() throws Exception {
    assertThat(AesCipher.decryptFromBase64(V1_CIPHERTEXT, KEY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(V1_WRAPPER);
  }

  @Test
  void v1_terminalSideDecodesTheBodyAndVerifiesTheDigest() throws Exception {
    EcrCodec.DecodedRequest req = EcrCodec.decodeRequest("\"" + V1_CIPHERTEXT + "\"", KEY, true);
    assertThat(req.wasEncrypted()).isTrue();
    assertThat(req.funcType()).isEqualTo(1001);
    assertThat(req.content())
        .containsEntry("channel", "card_payment")
        .containsEntry("out_trade_no", "456799999999");
    assertThat((BigDecimal) req.content().get("amt")).isEqualByComparingTo("100");
  }

  @Test
  void v4_reproducesThePublishedDigest99CE8BF9AndCiphertext() throws Exception {
    Map<String, Object> content = Map.of("func_type", 4001, "orderId", "12345678");
    String canonical = Canonical.render(content);
    assertThat(canonical).isEqualTo("{func_type=4001,orderId='12345678'}");
    assertThat(Canonical.digest(canonical, KEY)).isEqualTo(V4_DIGEST);
    assertThat(Canonical.wrapper(canonical, V4_DIGEST))
        .isEqualTo(
            "{content:{func_type=4001,orderId='12345678'}, digest:'99CE8BF9C7304AC964522D10F51660B4'}");
    assertThat(EcrCodec.encodeRequest(content, KEY, true)).isEqualTo("\"" + V4_CIPHERTEXT + "\"");
  }

  @Test
  void v4_currentDocOrderIdNoLongerMatchesThePublishedDigest() throws Exception {
    String canonical = Canonical.render(Map.of("func_type", 4001, "orderId", "1234567890"));
    assertThat(Canonical.digest(canonical, KEY))
        .isEqualTo("09E0181A89C8ECF446ADAEF06B862B53")
        .isNotEqualTo(V4_DIGEST);
  }

  @Test
  void v5_cancelRequestCiphertextContainsTheUsbEndMarker() throws Exception {
    Map<String, Object> content = Map.of("func_type", 5001);
    String canonical = Canonical.render(content);
    assertThat(canonical).isEqualTo("{func_type=5001}");
    assertThat(Canonical.digest(canonical, KEY)).isEqualTo("77760CAFEE81DC33C720C90B75787B5F");
    String body = EcrCodec.encodeRequest(content, KEY, true);
    assertThat(body).isEqualTo("\"" + V5_CIPHERTEXT + "\"");
    assertThat(V5_CIPHERTEXT).contains("/n").hasSize(108);
    assertThat(V5_CIPHERTEXT.indexOf("/n")).isEqualTo(69);
  }

  @Test
  void funcTypeAsStringChangesTheDigest() throws Exception {
    assertThat(Canonical.render(Map.of("func_type", "5001"))).isEqualTo("{func_type='5001'}");
    assertThat(Canonical.digest(Canonical.render(Map.of("func_type", "5001")), KEY))
        .isNotEqualTo("77760CAFEE81DC33C720C90B75787B5F");
  }

  @Test
  void numbersRenderInOdooForm() throws Exception {
    assertThat(Canonical.number(new BigDecimal("100.00"))).isEqualTo("100");
    assertThat(Canonical.number(new BigDecimal("10.50"))).isEqualTo("10.5");
    assertThat(Canonical.number(new BigDecimal("10.1"))).isEqualTo("10.1");
    assertThat(Canonical.number(new BigDecimal("0.05"))).isEqualTo("0.05");
    assertThat(Canonical.number(new BigDecimal("0.00"))).isEqualTo("0");
    assertThat(Canonical.number(BigDecimal.ZERO)).isEqualTo("0");
    assertThat(Canonical.number(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Canonical.number(1001)).isEqualTo("1001");
    assertThat(Canonical.number(120L)).isEqualTo("120");
    assertThat(Canonical.number(0)).isEqualTo("0");
  }

  @Test
  void floatingPointNumbersAreRefused() {
    assertThatThrownBy(() -> Canonical.number(100.0))
        .isInstanceOf(EcrCodecException.class)
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE));
    assertThatThrownBy(() -> Canonical.render(Map.of("amt", 10.5f)))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE));
  }

  @Test
  void nullRendersAsEmptyQuotedString() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("out_trade_no", null);
    m.put("func_type", 1001);
    assertThat(Canonical.render(m)).isEqualTo("{func_type=1001,out_trade_no=''}");
  }

  @Test
  void keysSortByCodePoint_uppercaseBeforeLowercase() throws Exception {
    assertThat(
            Canonical.render(
                Map.of("out_trade_no", "x", "orderId", "y", "moveToBack", 1, "func_type", 1002)))
        .isEqualTo("{func_type=1002,moveToBack=1,orderId='y',out_trade_no='x'}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'", "\"", ",", "{", "}", "=", "\\", "\u0000", "\u0001", "\t", "\n", "\r", "\u001f",
        "\u007f", "\u0085", "\u009f"
      })
  void everyForbiddenCharacterInAValueIsRefused(String bad) {
    assertThatThrownBy(() -> Canonical.render(Map.of("out_trade_no", "ab" + bad + "cd")))
        .isInstanceOf(EcrCodecException.class)
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE))
        .hasMessageContaining("out_trade_no");
    assertThatThrownBy(() -> EcrCodec.encodeRequest(Map.of("x", bad), KEY, true))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"'", "\"", ",", "{", "}", "=", "\\", "\u0000", "\n"})
  void everyForbiddenCharacterInAKeyIsRefused(String bad) {
    assertThatThrownBy(() -> Canonical.render(Map.of("k" + bad, 1)))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE));
  }

  @Test
  void unsupportedValueTypesAreRefused() {
    assertThatThrownBy(() -> Canonical.render(Map.of("flag", true)))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.UNSAFE_VALUE))
        .hasMessageContaining("flag");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 17, 23, 25, 31, 33, 64})
  void keyLengthsOtherThan16_24_32AreRefused(int length) {
    byte[] key = new byte[length];
    assertThatThrownBy(() -> AesCipher.encryptToBase64("x", key))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_KEY))
        .hasMessageContaining(String.valueOf(length));
    assertThatThrownBy(() -> AesCipher.decryptFromBase64(V1_CIPHERTEXT, key))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_KEY));
    assertThatThrownBy(
            () -> EcrCodec.encodeRequest(Map.of("func_type", 3002), "k".repeat(length), true))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_KEY));
  }

  @Test
  void nullKeyIsRefusedAsBadKey() {
    assertThatThrownBy(() -> AesCipher.encryptToBase64("x", null))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_KEY));
    assertThatThrownBy(() -> EcrCodec.encodeRequest(Map.of("func_type", 3002), null, true))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_KEY));
  }

  @Test
  void keysOf16And24BytesWorkAsAes128And192() throws Exception {
    for (String k : new String[] {"0123456789abcdef", "0123456789abcdef01234567"}) {
      byte[] key = k.getBytes(StandardCharsets.UTF_8);
      String c = AesCipher.encryptToBase64(V1_WRAPPER, key);
      assertThat(c).isNotEqualTo(V1_CIPHERTEXT);
      assertThat(AesCipher.decryptFromBase64(c, key)).isEqualTo(V1_WRAPPER);
    }
  }

  @Test
  void plainRequestIsTheDocsJsonObjectWithDigest() throws Exception {
    String body = EcrCodec.encodeRequest(v1Content(), KEY, false);
    assertThat(body)
        .isEqualTo(
            "{\"content\":{\"amt\":100,\"channel\":\"card_payment\",\"func_type\":1001,"
                + "\"out_trade_no\":\"456799999999\"},\"digest\":\""
                + V1_DIGEST
                + "\"}");
    assertThat(EcrCodec.decodeRequest(body, KEY, false).wasEncrypted()).isFalse();
  }

  @Test
  void requestWithAlteredContentFailsDigestCheck() throws Exception {
    String forged =
        AesCipher.encryptToBase64(
            V1_WRAPPER.replace("amt=100", "amt=1"), KEY.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> EcrCodec.decodeRequest("\"" + forged + "\"", KEY, true))
        .satisfies(e -> assertKind(e, EcrCodecException.Kind.BAD_DIGEST));
  }

  static void assertKind(Throwable e, EcrCodecException.Kind kind) {
    assertThat(e).isInstanceOf(EcrCodecException.class);
    assertThat(((EcrCodecException) e).kind()).isEqualTo(kind);
    assertThat(e.getMessage()).isNotBlank();
  }
}
