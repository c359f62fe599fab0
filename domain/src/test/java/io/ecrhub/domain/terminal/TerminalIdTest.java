package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"till-1", "a", "store_7-till_2", "0123456789012345678901234567890123456789"})
  void validIds_areAccepted(String id) {
    assertThat(TerminalId.of(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Till-1",
        "till 1",
        "till.1",
        "till/1",
        "t\u00e9l",
        "01234567890123456789012345678901234567890"
      })
  void invalidIds_areRefused(String id) {
    assertThatThrownBy(() -> TerminalId.of(id))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("terminal id");
  }
}
