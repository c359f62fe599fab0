package io.ecrhub.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {
  @TempDir Path dir;

  @Test
  void noKeyInProduction_refusesWithOneLineNamingTheVariable() {
    assertThatThrownBy(
            () -> MasterKeyLoader.load(Optional.empty(), List.of(), dir.resolve("k"), false))
        .isInstanceOf(MasterKeyException.class)
        .hasMessage(MasterKeyLoader.MISSING)
        .hasMessageContaining("ECRHUB_SECRETS_MASTER_KEY")
        .hasMessageNotContaining("\n");
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void blankKeyInProduction_isTreatedAsMissing() {
    assertThatThrownBy(() -> MasterKeyLoader.load(Optional.of("  "), List.of(), dir, false))
        .hasMessage(MasterKeyLoader.MISSING);
  }

  @Test
  void devMode_generatesAnOwnerOnlyKeyFileOnce() throws Exception {
    Path file = dir.resolve("data/master.key");

    MasterKeys first = MasterKeyLoader.load(Optional.empty(), List.of(), file, true);
    MasterKeys second = MasterKeyLoader.load(Optional.empty(), List.of(), file, true);

    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(second.currentId()).isEqualTo(first.currentId());
  }

  @Test
  void configuredKey_winsOverTheKeyFile() {
    String key = AesGcmSecretSealerTest.newKey();
    MasterKeys keys = MasterKeyLoader.load(Optional.of(key), List.of(), dir.resolve("k"), true);
    assertThat(keys.currentId()).isEqualTo(MasterKeys.parse(key, List.of()).currentId());
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void shortKey_isRefusedWithTheReason() {
    assertThatThrownBy(() -> MasterKeys.parse("c2hvcnQ=", List.of()))
        .isInstanceOf(MasterKeyException.class)
        .hasMessageContaining("32 random bytes, got 5 bytes");
  }

  @Test
  void nonBase64Key_isRefusedWithTheReason() {
    assertThatThrownBy(() -> MasterKeys.parse("not base64 at all!", List.of()))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void malformedPreviousKey_isRefusedNamingItsSetting() {
    String key = AesGcmSecretSealerTest.newKey();
    assertThatThrownBy(() -> MasterKeys.parse(key, List.of("AAAA")))
        .hasMessageContaining("ecrhub.secrets.previous-keys");
  }
}
