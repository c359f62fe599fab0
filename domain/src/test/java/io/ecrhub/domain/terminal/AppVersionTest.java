package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.api.Test;

class AppVersionTest {

  @Test
  void comparesNumericallyNotAsText() {
    assertThat(AppVersion.parse("4.34.12")).isGreaterThan(AppVersion.parse("4.34.9"));
    assertThat(AppVersion.parse("4.100.0")).isGreaterThan(AppVersion.parse("4.34.12"));
    assertThat(AppVersion.parse(" 4.34.12 ")).isEqualTo(AppVersion.HTTPS_MINIMUM);
  }

  @Test
  void supportsHttps_from4_34_12() {
    assertThat(AppVersion.parse("4.34.11").supportsHttps()).isFalse();
    assertThat(AppVersion.parse("4.34.12").supportsHttps()).isTrue();
  }

  @Test
  void parse_refusesOtherShapes() {
    assertThatThrownBy(() -> AppVersion.parse("4.34")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AppVersion.parse("v4.34.12")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AppVersion.parse(null)).isInstanceOf(ValidationException.class);
  }
}
