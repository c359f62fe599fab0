package io.ecrhub.domain.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.api.Test;

class ClientKeyTest {
  private static final String KEY = "0E32A59A8B454940A2FF39ABCDEF1234";

  @Test
  void toStringMasksTheKey() {
    ClientKey k = ClientKey.of(KEY);
    assertThat(k.toString()).doesNotContain("A59A8B454940A2FF39ABCDEF").contains("0E32…1234");
    assertThat(k.reveal()).isEqualTo(KEY);
  }

  @Test
  void refusesWhiteSpaceAndShortKeys() {
    assertThatThrownBy(() -> ClientKey.of("abc")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ClientKey.of(KEY + "\n")).isInstanceOf(ValidationException.class);
  }

  @Test
  void equalityByValue() {
    assertThat(ClientKey.of(KEY))
        .isEqualTo(ClientKey.of(KEY))
        .isNotEqualTo(ClientKey.of(KEY + "0"));
  }
}
