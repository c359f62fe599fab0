package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.ClientKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vectors computed outside the code from the rule of protocol doc §8.1 (Python {@code hashlib} over
 * the literal strings below): sorted {@code k=v} joined with {@code &}, raw values, key appended.
 */
class OpenApiSignatureTest {
  private static final ClientKey KEY = ClientKey.of("0E32A59A8B454940A2FF39ABCDEF1234");

  /** Raw values: a space, an ampersand and a non-ASCII letter go into the hash unencoded. */
  private static final String CANONICAL =
      "goods_name=test1 & ü&mchid=ZaMVg12345&out_trade_no=01234567890123&pay_type=800108"
          + "&txamt=10&txcurrcd=HKD&txdtm=2019-07-22 15:20:54";

  private static Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>(); // deliberately not in name order
    p.put("txamt", "10");
    p.put("txcurrcd", "HKD");
    p.put("pay_type", "800108");
    p.put("out_trade_no", "01234567890123");
    p.put("txdtm", "2019-07-22 15:20:54");
    p.put("goods_name", "test1 & ü");
    p.put("mchid", "ZaMVg12345");
    return p;
  }

  @Test
  void canonicalFormSortsByNameOverRawValues() {
    assertThat(OpenApiSignature.canonical(params())).isEqualTo(CANONICAL);
  }

  @Test
  void md5UpperCaseByDefault() {
    // hashlib.md5((CANONICAL + key).encode()).hexdigest().upper()
    assertThat(OpenApiSignature.sign(params(), KEY, SignType.MD5))
        .isEqualTo("39E10AB99C9859342D3EAFCAD40BD0BD");
  }

  @Test
  void sha256WhenChosen() {
    assertThat(OpenApiSignature.sign(params(), KEY, SignType.SHA256))
        .isEqualTo("0384340C3E188EE2D835F4FB38AEAEB09C041576048AB2C4460604EFBBC980C4");
  }

  @Test
  void valuesWithEqualsAndPlusAreHashedAsTheyAre() {
    Map<String, String> p =
        Map.of("txamt", "1050", "syssn", "20250826155400087645770447", "out_trade_no", "a+b=c");
    // hashlib.md5(("out_trade_no=a+b=c&syssn=20250826155400087645770447&txamt=1050" + key)...)
    assertThat(OpenApiSignature.sign(p, KEY, SignType.MD5))
        .isEqualTo("E9B77DF2023A02092263DDC15DAA92F5");
  }

  @Test
  void theBodyIsFormEncodedUtf8InNameOrder() {
    assertThat(FormBody.encode(params()))
        .isEqualTo(
            "goods_name=test1+%26+%C3%BC&mchid=ZaMVg12345&out_trade_no=01234567890123"
                + "&pay_type=800108&txamt=10&txcurrcd=HKD&txdtm=2019-07-22+15%3A20%3A54");
  }

  @Test
  void signTypeParsesTheSettingAndDefaultsToMd5() {
    assertThat(SignType.parse(null)).isEqualTo(SignType.MD5);
    assertThat(SignType.parse("sha256")).isEqualTo(SignType.SHA256);
    assertThat(SignType.parse("SHA-256")).isEqualTo(SignType.SHA256);
  }
}
