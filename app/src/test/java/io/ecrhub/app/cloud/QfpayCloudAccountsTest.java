package io.ecrhub.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.cloud.CloudAccount;
import io.ecrhub.cloud.SignType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default account from configuration: absent, complete, or refused with the reason. */
class QfpayCloudAccountsTest {
  private static final String KEY = "0E32A59A8B454940A2FF39ABCDEF1234";

  private static Optional<CloudAccount> account(
      String url, String env, String appCode, String key, String mchid, String signType) {
    return QfpayCloudAccounts.account(
        Optional.ofNullable(url),
        Optional.ofNullable(env),
        Optional.ofNullable(appCode),
        Optional.ofNullable(key),
        Optional.ofNullable(mchid),
        List.of(),
        signType,
        CloudAccount.Limits.DEFAULTS);
  }

  @Test
  void absentWhenNothingIsSet() {
    assertThat(account(null, null, null, null, null, "MD5")).isEmpty();
  }

  @Test
  void fromAnEnvironmentName() {
    CloudAccount a = account(null, "sandbox", "APPCODE1", KEY, null, "sha256").orElseThrow();
    assertThat(a.baseUrl()).isEqualTo(URI.create("https://openapi-int.qfapi.com"));
    assertThat(a.signType()).isEqualTo(SignType.SHA256);
    assertThat(a.mchid()).isNull();
    assertThat(a.toString()).doesNotContain(KEY);
  }

  @Test
  void halfAConfigurationIsRefusedWithTheSettingsName() {
    assertThatThrownBy(() -> account(null, "production", "APPCODE1", null, null, "MD5"))
        .hasMessageContaining("client-key");
    assertThatThrownBy(() -> account(null, "production", null, null, null, "MD5"))
        .hasMessageContaining("without app-code");
    assertThatThrownBy(() -> account("http://openapi-hk.qfapi.com", null, "A1", KEY, null, "MD5"))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> account(null, "production", "A1", "short", null, "MD5"))
        .hasMessageContaining("client-key")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> account(null, "production", "A1", KEY, null, "SHA1"))
        .hasMessageContaining("MD5 or SHA256");
  }
}
