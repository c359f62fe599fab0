package io.ecrhub.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.api.Test;

class NotificationKeyTest {
  private static final String SECRET = "my_qfpay_notification_key";

  @Test
  void toString_isMaskedAndNeverShowsTheSecret() {
    NotificationKey key = NotificationKey.of(SECRET);

    assertThat(key.toString()).doesNotContain(SECRET).doesNotContain("qfpay_notification");
    assertThat(key).hasToString("NotificationKey[my_q…_key]");
  }

  @Test
  void shortKey_isMaskedCompletely() {
    assertThat(NotificationKey.of("12345678").toString()).doesNotContain("1234");
  }

  @Test
  void reveal_givesTheSecretForSealing() {
    assertThat(NotificationKey.of(SECRET).reveal()).isEqualTo(SECRET);
  }

  @Test
  void keysOfTheSameTextAreEqual() {
    assertThat(NotificationKey.of(SECRET)).isEqualTo(NotificationKey.of(SECRET));
    assertThat(NotificationKey.of(SECRET)).isNotEqualTo(NotificationKey.of(SECRET + "x"));
  }

  @Test
  void tooShortOrWhiteSpace_isRefused() {
    assertThatThrownBy(() -> NotificationKey.of("short")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> NotificationKey.of("has a space in it"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> NotificationKey.of(null)).isInstanceOf(ValidationException.class);
  }
}
