package io.ecrhub.app.diagnostics.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL QFPay is given, from {@code ecrhub.notify.public-url}. */
class StoredNotificationHealthUrlTest {
  @Test
  void publicBaseUrl_getsTheNotifyPath() {
    assertThat(StoredNotificationHealth.notifyUrl("https://hub.example.com"))
        .isEqualTo("https://hub.example.com/qfpay/notify");
    assertThat(StoredNotificationHealth.notifyUrl("https://hub.example.com/ecr/"))
        .isEqualTo("https://hub.example.com/ecr/qfpay/notify");
  }

  @Test
  void theFullNotifyUrl_isKeptAsGiven() {
    assertThat(StoredNotificationHealth.notifyUrl("https://hub.example.com/qfpay/notify/"))
        .isEqualTo("https://hub.example.com/qfpay/notify");
  }
}
