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
}
