package io.ecrhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignersTest {
  @Test
  void standardWebhooks_reproducesTheSpecificationVector() {
    String sig =
        StandardWebhookSigner.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
            WebhookSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    assertThat(sig).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void standardWebhooks_refusesSecretsThatAreNotBase64Keys() {
    assertThatThrownBy(() -> StandardWebhookSigner.keyBytes(WebhookSecret.of("whsec_short")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> StandardWebhookSigner.keyBytes(WebhookSecret.of("not base64 at all!")))
        .isInstanceOf(ValidationException.class);
    WebhookSecret generated = StandardWebhookSigner.generate(new SecureRandom());
    assertThat(generated.reveal()).startsWith("whsec_");
    assertThat(StandardWebhookSigner.keyBytes(generated)).hasSize(32);
  }

  @Test
  void qfpayResigning_matchesWhatOdoosControllerComputes() throws Exception {
    byte[] raw =
        "{\"status\": \"1\", \"notify_type\": \"payment\", \"syssn\": \"1\", \"txamt\": \"100\"}"
            .getBytes(StandardCharsets.UTF_8);
    String odooKey = "odoo-side-notification-key";

    // Odoo: md5(raw_body + notification_key.encode()).hexdigest().upper()
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] concat = new byte[raw.length + odooKey.getBytes(StandardCharsets.UTF_8).length];
    System.arraycopy(raw, 0, concat, 0, raw.length);
    byte[] k = odooKey.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(k, 0, concat, raw.length, k.length);
    String odoo = HexFormat.of().formatHex(md5.digest(concat)).toUpperCase();

    assertThat(QfpayResigner.sign(raw, WebhookSecret.of(odooKey))).isEqualTo(odoo);
  }

  @Test
  void qfpayResigning_withQfpaysKeyGivesTheProtocolDocVector() {
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\"20250826155400087645770447\","
                + "\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"respcd\":\"0000\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(QfpayResigner.sign(body, WebhookSecret.of("my_qfpay_notification_key")))
        .isEqualTo("606E0E764347884FC6C573864AE9077F");
  }
}
