package io.ecrhub.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.SealedFor;
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

  private static final SealedFor ROW_A = new SealedFor("terminal", "pos_key_sealed", "till-a");
  private static final SealedFor ROW_B = new SealedFor("terminal", "pos_key_sealed", "till-b");

  private final String keyA = newKey();
  private final String keyB = newKey();
  private final AesGcmSecretSealer sealerA =
      new AesGcmSecretSealer(MasterKeys.parse(keyA, List.of()));

  @Test
  void sealThenOpen_returnsThePlaintext() {
    String sealed = sealerA.seal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", ROW_A);
    assertThat(sealerA.open(sealed, ROW_A)).isEqualTo("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  }

  @Test
  void sealedForm_namesTheFormatAndKeyAndNeverContainsThePlaintext() {
    String sealed = sealerA.seal("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", ROW_A);
    assertThat(sealed).startsWith("v2:" + sealerA.currentKeyId() + ":");
    assertThat(sealed).doesNotContain("a1b2c3d4");
  }

  @Test
  void twoSealsOfTheSameValue_differ() {
    assertThat(sealerA.seal("same", ROW_A)).isNotEqualTo(sealerA.seal("same", ROW_A));
  }

  @Test
  void aValueOpensOnlyForTheRowColumnAndTableItWasSealedFor() {
    String sealed = sealerA.seal("secret-value-123", ROW_A);
    for (SealedFor other :
        List.of(
            ROW_B,
            new SealedFor("terminal", "other_column", "till-a"),
            new SealedFor("notification_key", "pos_key_sealed", "till-a"),
            // length-prefixed parts: shifting text between them is another purpose
            new SealedFor("terminal", "pos_key_sealedt", "ill-a"))) {
      assertThatThrownBy(() -> sealerA.open(sealed, other))
          .as(other.toString())
          .isInstanceOf(SealingException.class)
          .hasMessageContaining("sealed for another row")
          .hasMessageNotContaining("secret-value-123");
    }
    assertThat(sealerA.open(sealed, ROW_A)).isEqualTo("secret-value-123");
  }

  @Test
  void aPurposeIsMandatory() {
    assertThatThrownBy(() -> sealerA.seal("x", null)).isInstanceOf(NullPointerException.class);
    String sealed = sealerA.seal("x", ROW_A);
    assertThatThrownBy(() -> sealerA.open(sealed, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SealedFor("terminal", "pos_key_sealed", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SealedFor("Terminal;", "pos_key_sealed", "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tamperedValue_isRefused() {
    String sealed = sealerA.seal("secret-value-123", ROW_A);
    char last = sealed.charAt(sealed.length() - 2);
    String tampered =
        sealed.substring(0, sealed.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> sealerA.open(tampered, ROW_A))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("failed authentication");
  }

  @Test
  void valueSealedUnderAnUnknownKey_isRefusedNamingTheKeyId() {
    AesGcmSecretSealer sealerB = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of()));
    String sealed = sealerB.seal("x-secret", ROW_A);
    assertThatThrownBy(() -> sealerA.open(sealed, ROW_A))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining(sealerB.currentKeyId())
        .hasMessageContaining("previous-keys");
  }

  @Test
  void rotation_opensOldValuesAndResealsThemUnderTheNewKey_forTheSameRow() {
    String old = sealerA.seal("pos-key-value-0001", ROW_A);
    AesGcmSecretSealer rotated = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of(keyA)));

    assertThat(rotated.needsReseal(old)).isTrue();
    assertThatThrownBy(() -> rotated.reseal(old, ROW_B)).isInstanceOf(SealingException.class);
    String resealed = rotated.reseal(old, ROW_A);

    assertThat(rotated.needsReseal(resealed)).isFalse();
    assertThat(resealed).startsWith("v2:" + rotated.currentKeyId() + ":");
    AesGcmSecretSealer newOnly = new AesGcmSecretSealer(MasterKeys.parse(keyB, List.of()));
    assertThat(newOnly.open(resealed, ROW_A)).isEqualTo("pos-key-value-0001");
    assertThat(rotated.reseal(resealed, ROW_A)).isSameAs(resealed);
  }

  @Test
  void oldFormatValue_isRefusedByOpenAndByRotation_butTheUpgradeBindsItToItsRow() {
    String legacy = LegacySeal.seal(keyA, "pos-key-value-0002");
    assertThatThrownBy(() -> sealerA.open(legacy, ROW_A))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("old format");
    assertThat(sealerA.needsReseal(legacy)).isTrue();
    assertThatThrownBy(() -> sealerA.reseal(legacy, ROW_A)).isInstanceOf(SealingException.class);

    AesGcmSecretSealer.Upgrade upgrade = sealerA.upgrading();
    String upgraded = upgrade.reseal(legacy, ROW_A);

    assertThat(upgraded).startsWith("v2:");
    assertThat(sealerA.open(upgraded, ROW_A)).isEqualTo("pos-key-value-0002");
    assertThatThrownBy(() -> sealerA.open(upgraded, ROW_B)).isInstanceOf(SealingException.class);
    assertThat(upgrade.legacyFailures()).isZero();
  }

  @Test
  void upgrade_countsOldValuesThatDoNotOpen() {
    String underAnotherKey = LegacySeal.seal(keyB, "pos-key-value-0003");
    AesGcmSecretSealer.Upgrade upgrade = sealerA.upgrading();
    assertThatThrownBy(() -> upgrade.reseal(underAnotherKey, ROW_A))
        .isInstanceOf(SealingException.class);
    assertThat(upgrade.legacyFailures()).isEqualTo(1);
  }

  @Test
  void garbage_isNotMistakenForASealedValue() {
    assertThatThrownBy(() -> sealerA.open("f46b1f08bec1f39104792cc79ec9aacd", ROW_A))
        .isInstanceOf(SealingException.class)
        .hasMessageContaining("not a sealed secret");
  }

  @Test
  void toString_showsKeyIdsOnly() {
    assertThat(sealerA.toString()).contains(sealerA.currentKeyId()).doesNotContain(keyA);
  }
}
