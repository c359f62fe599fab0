package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.NotificationKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotificationSignatureTest {
  /** Protocol doc §7.2, "our vector" [VERIFIED]. */
  static final byte[] BODY =
      ("{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\"20250826155400087645770447\","
              + "\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"respcd\":\"0000\"}")
          .getBytes(StandardCharsets.UTF_8);

  static final NotificationKey KEY = NotificationKey.of("my_qfpay_notification_key");
  static final String SIGN = "606E0E764347884FC6C573864AE9077F";

  @Test
  void reproducesTheProtocolDocVector() {
    assertThat(NotificationSignature.sign(BODY, KEY)).isEqualTo(SIGN);
    assertThat(NotificationSignature.matches(BODY, SIGN, KEY, false)).isTrue();
  }

  @Test
  void lowerCaseAndPaddedHeaders_stillMatch() {
    assertThat(NotificationSignature.matches(BODY, " " + SIGN.toLowerCase() + " ", KEY, false))
        .isTrue();
  }

  @Test
  void tamperedBody_doesNotMatch() {
    byte[] tampered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("1050", "1051")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(NotificationSignature.matches(tampered, SIGN, KEY, false)).isFalse();
  }

  @Test
  void reSerialisedBody_doesNotMatch_becauseTheRawBytesAreSigned() {
    byte[] spaced =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("\":\"", "\": \"")
            .replace("\",\"", "\", \"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(NotificationSignature.matches(spaced, SIGN, KEY, false)).isFalse();
  }

  @Test
  void wrongKey_doesNotMatch() {
    assertThat(
            NotificationSignature.matches(
                BODY, SIGN, NotificationKey.of("another_notification_key"), false))
        .isFalse();
  }

  @Test
  void garbageHeaders_neverMatch() {
    assertThat(NotificationSignature.matches(BODY, null, KEY, true)).isFalse();
    assertThat(NotificationSignature.matches(BODY, "", KEY, true)).isFalse();
    assertThat(NotificationSignature.matches(BODY, SIGN.substring(1), KEY, true)).isFalse();
    assertThat(NotificationSignature.matches(BODY, SIGN.replace('6', 'G'), KEY, true)).isFalse();
  }

  @Test
  void sha256Header_isAcceptedOnlyWhenTolerated() {
    String sha = NotificationSignature.sha256Hex(BODY, KEY.utf8Bytes());
    assertThat(sha).hasSize(64);
    assertThat(NotificationSignature.matches(BODY, sha, KEY, true)).isTrue();
    assertThat(NotificationSignature.matches(BODY, sha, KEY, false)).isFalse();
  }

  /**
   * Legacy form (protocol doc §7.2, 2019 PHP sample): MD5 over the fields sorted as {@code k=v&...}
   * plus the key. Expected digest computed independently (Python hashlib over the hand-written
   * sorted string).
   */
  static final String LEGACY_SIGN = "31DD297B4DAEAE1F4150E4714C60E351";

  @Test
  void legacySortedFieldsForm_reproducesAnIndependentlyComputedVector() {
    byte[] form =
        NotificationParser.legacySigningForm(new NotificationParser("HKD").readTree(BODY));

    assertThat(new String(form, StandardCharsets.UTF_8))
        .isEqualTo(
            "notify_type=payment&out_trade_no=x--1--2&respcd=0000&status=1"
                + "&syssn=20250826155400087645770447&txamt=1050");
    assertThat(NotificationSignature.matchesLegacy(form, LEGACY_SIGN, KEY)).isTrue();
    assertThat(NotificationSignature.matchesLegacy(form, LEGACY_SIGN.toLowerCase(), KEY)).isTrue();
  }

  @Test
  void legacyForm_writesValuesAsPhpWould_numbersBooleansNullsAndUppercaseFirst() {
    byte[] body =
        ("{\"txamt\":1050,\"syssn\":\"S2\",\"notify_type\":\"payment\",\"paid\":true,"
                + "\"refunded\":false,\"goods_name\":null,\"Zeta\":\"z\",\"outcardnm\":\"\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] form =
        NotificationParser.legacySigningForm(new NotificationParser("HKD").readTree(body));

    assertThat(new String(form, StandardCharsets.UTF_8))
        .isEqualTo(
            "Zeta=z&goods_name=&notify_type=payment&outcardnm=&paid=1&refunded=&syssn=S2&txamt=1050");
    assertThat(NotificationSignature.matchesLegacy(form, "6DBE43076EB10EC6E783E3842E4498AA", KEY))
        .isTrue();
  }

  @Test
  void legacyForm_tamperedFieldOrWrongKey_doesNotMatch() {
    NotificationParser parser = new NotificationParser("HKD");
    byte[] tampered =
        NotificationParser.legacySigningForm(
            parser.readTree(
                new String(BODY, StandardCharsets.UTF_8)
                    .replace("1050", "1051")
                    .getBytes(StandardCharsets.UTF_8)));
    byte[] form = NotificationParser.legacySigningForm(parser.readTree(BODY));

    assertThat(NotificationSignature.matchesLegacy(tampered, LEGACY_SIGN, KEY)).isFalse();
    assertThat(
            NotificationSignature.matchesLegacy(
                form, LEGACY_SIGN, NotificationKey.of("another_notification_key")))
        .isFalse();
    assertThat(NotificationSignature.matchesLegacy(form, SIGN, KEY)).isFalse();
    assertThat(NotificationSignature.matchesLegacy(form, null, KEY)).isFalse();
    assertThat(NotificationSignature.matchesLegacy(null, LEGACY_SIGN, KEY)).isFalse();
  }

  @Test
  void legacyForm_doesNotExistForNestedValues() {
    byte[] nested = "{\"syssn\":\"S1\",\"extra\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
    assertThat(NotificationParser.legacySigningForm(new NotificationParser("HKD").readTree(nested)))
        .isNull();
  }
}
