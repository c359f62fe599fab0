package io.ecrhub.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmSecretSealerTest {
  static String newKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  private final String keyA = newKey();
  private final String keyB = newKey();
  private final AesGcmSecretSealer sealerA =
      new AesGcmSecretSealer(MasterKeys.parse(keyA, List.of()));

  @Test
  void sealThenOpen_returnsThePlaintext() {
    String sealed = sealerA.seal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
    assertThat(sealerA.open(sealed)).isEqualTo("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  }

  @Test
  void sealedForm_namesTheKeyAndNeverContainsThePlaintext() {
    String sealed = sealerA.seal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
    assertThat(sealed).startsWith("v1:" + sealerA.currentKeyId() + ":");
    assertThat(sealed).doesNotContain("a1b2c3d4");
  }

  @Test
  void twoSealsOfTheSameValue_differ() {
    assertThat(sealerA.seal("same")).isNotEqualTo(sealerA.seal("same"));
  }

  @Test
  void tamperedValue_isRefused() {
    String sealed = sealerA.seal("secret-value-123");
    char last = sealed.charAt(sealed.length() - 2);
    String tampered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> sealerA.open(tampered))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void valueSealedUnderAnUnknownKey_isRefusedNamingTheKeyId() {
    AesGcmSecretSealer sealerB = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of()));
    String sealed = sealerB.seal("x-secret");
    assertThatThrownBy(() -> sealerA.open(sealed))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining(sealerB.currentKeyId())
        .hasMessageContaining("previous-keys");
  }

  @Test
  void rotation_opensOldValuesAndResealsThemUnderTheNewKey() {
    String old = sealerA.seal("pos-key-value-0001");
    AesGcmSecretSealer rotated = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of(keyA)));

    assertThat(rotated.needsReseal(old)).isTrue();
    String resealed = rotated.reseal(old);

    assertThat(rotated.needsReseal(resealed)).isFalse();
    assertThat(resealed).startsWith("v1:" + rotated.currentKeyId() + ":");
    AesGcmSecretSealer newOnly = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of()));
    assertThat(newOnly.open(resealed)).isEqualTo("pos-key-value-0001");
    assertThat(rotated.reseal(resealed)).isSameAs(resealed);
  }

  @Test
  void garbage_isNotMistakenForASealedValue() {
    assertThatThrownBy(() -> sealerA.open("f46b1f08bec1f39104792cc79ec9aacd"))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("not a sealed secret");
  }

  @Test
  void toString_showsKeyIdsOnly() {
    assertThat(sealerA.toString()).contains(sealerA.currentKeyId()).doesNotContain(keyA);
  }
}
