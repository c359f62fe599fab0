package io.ecrhub.app.diagnostics.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL QFPay is given, from {@code ecrhub.notify.public-url}. */
class SqlNotificationHealthUrlTest {
  @Test
  void publicBaseUrl_getsTheNotifyPath() {
    assertThat(SqlNotificationHealth.notifyUrl("https://hub.example.com"))
        .isEqualTo("https://hub.example.com/qfpay/notify");
    assertThat(SqlNotificationHealth.notifyUrl("https://hub.example.com/ecr/"))
        .isEqualTo("https://hub.example.com/ecr/qfpay/notify");
  }

  @Test
  void theFullNotifyUrl_isKeptAsGiven() {
    assertThat(SqlNotificationHealth.notifyUrl("https://hub.example.com/qfpay/notify/"))
        .isEqualTo("https://hub.example.com/qfpay/notify");
  }
}
