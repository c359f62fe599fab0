package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.testing.TerminalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PosKeyTest {

  @ParameterizedTest
  @ValueSource(ints = {16, 24, 32})
  void aesKeyLengths_areAccepted(int length) {
    PosKey key = PosKey.of("k".repeat(length));

    assertThat(key.utf8Bytes()).hasSize(length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 17, 23, 25, 31, 33, 64})
  void otherLengths_areRefused(int length) {
    assertThatThrownBy(() -> PosKey.of("k".repeat(length)))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_POS_KEY");
  }

  @Test
  void lengthIsCountedInUtf8Bytes() {
    String eightChineseChars = "密钥密钥密钥密钥"; // 8 chars, 24 bytes
    assertThat(PosKey.of(eightChineseChars).utf8Bytes()).hasSize(24);
    assertThatThrownBy(() -> PosKey.of("密".repeat(16))).isInstanceOf(ValidationException.class);
  }

  @Test
  void whiteSpaceAndNull_areRefused() {
    assertThatThrownBy(() -> PosKey.of("0123456789abcde ")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PosKey.of(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void publishedDefault_isRefusedForProduction() {
    assertThatThrownBy(() -> PosKey.of(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("DEFAULT_POS_KEY_REFUSED");
    assertThatThrownBy(() -> PosKey.of(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY.toUpperCase()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aKeyOneCharacterAwayFromTheDefault_isAccepted() {
    String near = "f46b1f08bec1f39104792cc79ec9aacf";

    assertThat(PosKey.of(near).isPublishedDefault()).isFalse();
  }

  @Test
  void theDenyListHoldsOnlyTheDigestOfTheDefaultKey() throws Exception {
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(
                TerminalFixture.PUBLISHED_DEFAULT_POS_KEY.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));

    assertThat(java.util.HexFormat.of().formatHex(digest))
        .isEqualTo(PosKey.PUBLISHED_DEFAULT_SHA256);
  }

  @Test
  void publishedDefault_isAllowedWithTheLabFlag() {
    PosKey lab = PosKey.of(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY, true);

    assertThat(lab.isPublishedDefault()).isTrue();
    assertThat(TerminalFixture.testPosKey().isPublishedDefault()).isFalse();
  }

  @Test
  void toString_isMaskedAndNeverShowsTheSecret() {
    PosKey key = TerminalFixture.testPosKey();

    assertThat(key.toString())
        .doesNotContain(TerminalFixture.TEST_POS_KEY_TEXT)
        .doesNotContain("456789abcdef0123456789ab")
        .isEqualTo("PosKey[0123…cdef]");
    assertThat(PosKey.of(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY, true).toString())
        .doesNotContain(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY);
  }

  @Test
  void fingerprint_isShortAndNotTheKey() {
    String fp = TerminalFixture.testPosKey().fingerprint();

    assertThat(fp).matches("[0-9a-f]{8}");
    assertThat(TerminalFixture.TEST_POS_KEY_TEXT).doesNotContain(fp);
    assertThat(fp).isNotEqualTo(PosKey.of("abcdefghijklmnop").fingerprint());
  }

  @Test
  void equality_isByValue() {
    assertThat(PosKey.of(TerminalFixture.TEST_POS_KEY_TEXT))
        .isEqualTo(TerminalFixture.testPosKey());
    assertThat(PosKey.of("abcdefghijklmnop")).isNotEqualTo(TerminalFixture.testPosKey());
  }

  @Test
  void utf8Bytes_isAFreshCopy() {
    PosKey key = TerminalFixture.testPosKey();
    byte[] bytes = key.utf8Bytes();
    bytes[0] = 'X';

    assertThat(key.reveal()).isEqualTo(TerminalFixture.TEST_POS_KEY_TEXT);
  }
}
