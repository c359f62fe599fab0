package io.ecrhub.ecr.codec;

import static io.ecrhub.ecr.codec.EcrCodecVectorsTest.KEY;
import static io.ecrhub.ecr.codec.EcrCodecVectorsTest.V1_CIPHERTEXT;
import static io.ecrhub.ecr.codec.EcrCodecVectorsTest.V4_CIPHERTEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.ecr.codec.EcrCodecException.Kind;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each malformed answer gives a specific kind and a readable message, never an unchecked one. */
class MalformedInputTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> decodingResponse(String body) {
    return assertThatThrownBy(
            () -> EcrCodec.decodeResponse(body.getBytes(StandardCharsets.UTF_8), KEY))
        .isInstanceOf(EcrCodecException.class);
  }

  private static void kind(Throwable e, Kind kind) {
    assertThat(((EcrCodecException) e).kind()).isEqualTo(kind);
  }

  private static String encryptedEnvelope(String json) throws EcrCodecException {
    return "\"" + AesCipher.encryptToBase64(json, KEY.getBytes(StandardCharsets.UTF_8)) + "\"";
  }

  @Test
  void truncatedBase64_isUndecryptable() {
    String truncated = V4_CIPHERTEXT.substring(0, V4_CIPHERTEXT.length() - 5);
    decodingResponse("\"" + truncated + "\"")
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("ciphertext length");
  }

  @Test
  void truncatedToWholeBlocks_failsPaddingCheck() {
    // 64 Base64 chars = 48 bytes = 3 AES blocks: decodes, but the last block's padding is wrong
    decodingResponse("\"" + V1_CIPHERTEXT.substring(0, 64) + "\"")
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("wrong key or corrupt data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=", "==A", "A===", "AB=C", "ABC=D==="})
  void wrongBase64Padding_isUndecryptable(String tail) {
    decodingResponse("\"" + V1_CIPHERTEXT.substring(0, 40) + tail + "\"")
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("Base64");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><body>502 Bad Gateway</body></html>",
        "hello world",
        "[1,2,3]",
        "{\"respcd\":",
        "{respcd:6000",
        "{\"respcd\" \"6000\"}",
        "{\"respcd\":\"6000\",}x",
        "\"unterminated"
      })
  void nonJson_isMalformedWithOffsetOrReason(String body) {
    decodingResponse(body).satisfies(e -> kind(e, Kind.MALFORMED));
  }

  @Test
  void htmlErrorPage_saysItIsNeitherJsonNorCiphertext() {
    decodingResponse("<html>oops</html>").hasMessageContaining("neither");
  }

  @Test
  void emptyBody_isMalformed() {
    decodingResponse("").satisfies(e -> kind(e, Kind.MALFORMED)).hasMessageContaining("empty");
    decodingResponse("   ").satisfies(e -> kind(e, Kind.MALFORMED));
    assertThatThrownBy(() -> EcrCodec.decodeResponse(null, KEY))
        .isInstanceOf(EcrCodecException.class);
  }

  @Test
  void oversizeBody_isRefusedBeforeParsing() {
    byte[] big = new byte[EcrCodec.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) '{');
    assertThatThrownBy(() -> EcrCodec.decodeResponse(big, KEY))
        .isInstanceOf(EcrCodecException.class)
        .satisfies(e -> kind(e, Kind.OVERSIZE))
        .hasMessageContaining("65537");
    assertThatThrownBy(() -> EcrCodec.decodeRequest("\"" + "A".repeat(70_000) + "\"", KEY, true))
        .satisfies(e -> kind(e, Kind.OVERSIZE));
  }

  @Test
  void bodyOfExactlyTheLimit_isParsedNotRefused() {
    String padded = "{\"respcd\":\"6000\"" + " ".repeat(EcrCodec.MAX_BODY_BYTES - 17) + "}";
    assertThat(padded).hasSize(EcrCodec.MAX_BODY_BYTES);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> EcrCodec.decodeResponse(padded.getBytes(StandardCharsets.UTF_8), KEY)))
        .isNull();
  }

  @Test
  void noRespcd_isMalformed() {
    decodingResponse("{\"respmsg\":\"ok\",\"data\":\"{}\"}")
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("respcd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "true", "{\"a\":1}"})
  void respcdNotAStringOrNumber_isMalformed(String respcd) {
    decodingResponse("{\"respcd\":" + respcd + "}")
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("respcd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "42", "true", "\"[1,2]\"", "\"42\"", "\"not json\""})
  void dataNotAnObject_isMalformed(String data) {
    decodingResponse("{\"respcd\":\"6000\",\"data\":" + data + "}")
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("data");
  }

  @Test
  void dataAbsentNullOrEmpty_givesEmptyData() throws Exception {
    for (String body :
        new String[] {
          "{\"respcd\":\"6001\"}",
          "{\"respcd\":\"6001\",\"data\":null}",
          "{\"respcd\":\"6001\",\"data\":\"\"}",
          "{\"respcd\":6001,\"data\":\"  \"}"
        }) {
      EcrResponse r = EcrCodec.decodeResponse(body.getBytes(StandardCharsets.UTF_8), KEY);
      assertThat(r.respcd()).isEqualTo("6001");
      assertThat(r.data()).isEmpty();
    }
  }

  @Test
  void deeplyNestedInput_isMalformedNotAStackOverflow() {
    String deep = "{\"respcd\":\"6000\",\"data\":" + "[".repeat(100_00) + "]".repeat(100_00) + "}";
    decodingResponse(deep).satisfies(e -> kind(e, Kind.MALFORMED)).hasMessageContaining("nesting");
    String deepInString =
        "{\"respcd\":\"6000\",\"data\":\""
            + "{\\\"a\\\":".repeat(1000)
            + "1"
            + "}".repeat(1000)
            + "\"}";
    decodingResponse(deepInString).satisfies(e -> kind(e, Kind.MALFORMED));
  }

  @Test
  void responseEncryptedWithAnotherKey_isUndecryptable() throws Exception {
    String other = "00000000000000000000000000000000";
    String body =
        "\""
            + AesCipher.encryptToBase64(
                "{\"respcd\":\"6000\",\"respmsg\":\"ok\",\"data\":\"{}\"}",
                other.getBytes(StandardCharsets.UTF_8))
            + "\"";
    decodingResponse(body)
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("wrong key");
  }

  @Test
  void encryptedResponseWithoutKey_isUndecryptable() {
    assertThatThrownBy(
            () -> EcrCodec.decodeResponse(("\"" + V4_CIPHERTEXT + "\"").getBytes(), null))
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("no key");
  }

  @Test
  void encryptedResponseThatIsNotAnEnvelope_isMalformed() throws Exception {
    decodingResponse(encryptedEnvelope("just words")).satisfies(e -> kind(e, Kind.MALFORMED));
    // a request wrapper is a valid object but has no respcd
    decodingResponse("\"" + V4_CIPHERTEXT + "\"")
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("respcd");
  }

  @Test
  void bareBase64WithoutQuotes_isDecrypted() throws Exception {
    String c = encryptedEnvelope("{\"respcd\":\"6000\",\"data\":{\"syssn\":\"1\"}}");
    EcrResponse r =
        EcrCodec.decodeResponse(
            c.substring(1, c.length() - 1).getBytes(StandardCharsets.UTF_8), KEY);
    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("syssn", "1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e2147483648",
        "1e2147483649",
        "1e999999999",
        "-1E-999999999",
        "123456789012345678901234567890123456789012345",
        "\"\\u+1ab\"",
        "\"\\u-001\"",
        "\"\\uzzzz\"",
        "\"\\u12\"",
        "{a:}",
        "{:1}",
        "{a 1}",
        "[1 2]",
        "'abc",
        "\"abc\\"
      })
  void lenientParserRefusesBadTokensWithCodecException(String text) {
    assertThatThrownBy(() -> LenientParser.parse(text))
        .isInstanceOf(EcrCodecException.class)
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("offset");
  }

  @Test
  void lenientParserAcceptsOdooWrapperAndStrictJson() throws Exception {
    assertThat(LenientParser.parseObject("{content:{amt=100,channel='wx'}, digest:'AB'}"))
        .containsEntry("digest", "AB")
        .containsKey("content");
    assertThat(LenientParser.parse("{\"a\":[1,true,null,\"\\u00e9\\n\"]}").toString())
        .isEqualTo("{a=[1, true, null, é\n]}");
    assertThat(LenientParser.parse("1.5e2")).isEqualTo(new java.math.BigDecimal("1.5e2"));
  }

  @Test
  void requestBodiesMalformedOnTheTerminalSide() throws Exception {
    assertThatThrownBy(() -> EcrCodec.decodeRequest("", KEY, true))
        .satisfies(e -> kind(e, Kind.MALFORMED));
    assertThatThrownBy(() -> EcrCodec.decodeRequest("{\"content\":{}}", KEY, true))
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE))
        .hasMessageContaining("expected an encrypted body");
    assertThatThrownBy(() -> EcrCodec.decodeRequest("\"" + V4_CIPHERTEXT + "\"", KEY, false))
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE));
    assertThatThrownBy(() -> EcrCodec.decodeRequest("{\"digest\":\"AB\"}", KEY, false))
        .satisfies(e -> kind(e, Kind.MALFORMED))
        .hasMessageContaining("content");
    assertThatThrownBy(
            () ->
                EcrCodec.decodeRequest(
                    "{\"content\":{\"x\":{\"nested\":1}},\"digest\":\"AB\"}", KEY, false))
        .satisfies(e -> kind(e, Kind.MALFORMED));
    assertThatThrownBy(
            () ->
                EcrCodec.decodeRequest(
                    "{\"content\":{\"x\":\"a'b\"},\"digest\":\"AB\"}", KEY, false))
        .satisfies(e -> kind(e, Kind.MALFORMED));
    assertThatThrownBy(
            () -> EcrCodec.decodeRequest(encryptedEnvelope("{content:{func_type=1}}"), KEY, true))
        .satisfies(e -> kind(e, Kind.MALFORMED));
    assertThatThrownBy(
            () -> EcrCodec.decodeRequest("\"" + V4_CIPHERTEXT + "\"", "0".repeat(32), true))
        .satisfies(e -> kind(e, Kind.UNDECRYPTABLE));
  }
}
