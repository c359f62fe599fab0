package io.ecrhub.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A production hub without a master key does not start, and says why in one line. */
@QuarkusMainTest
@TestProfile(NoMasterKeyTest.WithoutMasterKey.class)
class NoMasterKeyTest {

  /** The test configuration minus the master key (and no key file allowed). */
  public static class WithoutMasterKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "%test.ecrhub.secrets.master-key", "",
          "ecrhub.secrets.master-key", "",
          "ecrhub.secrets.generate-key-file", "false");
    }
  }

  @Test
  @Launch(
      value = {},
      exitCode = 1)
  void hubWithoutMasterKey_refusesToStart_inOneLine(LaunchResult result) {
    String err = result.getErrorOutput();
    assertThat(err).contains(MasterKeyLoader.MISSING);
    assertThat(err.lines().filter(l -> l.contains("master key")).count()).isEqualTo(1);
    assertThat(err).doesNotContain("\tat ");
  }
}
