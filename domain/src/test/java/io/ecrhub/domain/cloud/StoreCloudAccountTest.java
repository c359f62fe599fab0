package io.ecrhub.domain.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreCloudAccountTest {
  private static final String KEY = "7F3A9C1B2D4E5F60718293A4B5C6D7E8";
  private static final Instant T = Instant.parse("2026-12-07T00:00:00Z");

  private static StoreCloudAccount account(String env, String url, String appCode, String mchid) {
    return new StoreCloudAccount(
        "cla_1", "store-1", env, url, appCode, mchid, null, ClientKey.of(KEY), null, T, T, 0);
  }

  private static void refused(Runnable r, String code, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.field()).isEqualTo(field);
            });
  }

  @Test
  void toString_neverShowsTheKey_norAnyPartOfIt() {
    String text = account("sandbox", null, "APP1", null).toString();
    assertThat(text).doesNotContain(KEY).doesNotContain("7F3A").doesNotContain("D7E8");
    assertThat(text).contains("cla_1").contains("store-1").contains("key=set");
  }

  @Test
  void environmentOrUrl_exactlyOne_andKnownEnvironments() {
    assertThat(account(" Live-Test ", null, "APP1", null).environment()).isEqualTo("live-test");
    assertThat(account(null, "https://x.example", "APP1", null).url())
        .isEqualTo("https://x.example");
    refused(() -> account(null, null, "APP1", null), "INVALID_CLOUD_ENDPOINT", "environment");
    refused(
        () -> account("sandbox", "https://x.example", "APP1", null),
        "INVALID_CLOUD_ENDPOINT",
        "url");
    refused(() -> account("staging", null, "APP1", null), "INVALID_CLOUD_ENDPOINT", "environment");
  }

  @Test
  void appCodeMchidStoreAndSignType_areChecked() {
    refused(() -> account("sandbox", null, "APP 1", null), "INVALID_APP_CODE", "appCode");
    refused(() -> account("sandbox", null, null, null), "INVALID_APP_CODE", "appCode");
    refused(() -> account("sandbox", null, "A".repeat(65), null), "INVALID_APP_CODE", "appCode");
    refused(() -> account("sandbox", null, "APP1", "m x"), "INVALID_MCHID", "mchid");
    assertThat(account("sandbox", null, "APP1", "").mchid()).isNull();
    assertThat(account("sandbox", null, "APP1", null).signType()).isEqualTo(CloudSignType.MD5);
    refused(() -> StoreCloudAccount.requireStore("a b"), "INVALID_STORE_ID", "storeId");
    refused(() -> StoreCloudAccount.requireStore(null), "FIELD_REQUIRED", "storeId");
    assertThat(CloudSignType.parse("sha-256")).isEqualTo(CloudSignType.SHA256);
    assertThat(CloudSignType.parse(null)).isEqualTo(CloudSignType.MD5);
    refused(() -> CloudSignType.parse("SHA1"), "INVALID_SIGN_TYPE", "signType");
  }

  @Test
  void changed_keepsTheKeyUnlessANewOneIsGiven_andStampsTheTime() {
    StoreCloudAccount a = account("sandbox", null, "APP1", "M1");
    Instant later = T.plusSeconds(5);
    StoreCloudAccount same = a.changed("production", null, "APP2", null, null, null, later);
    assertThat(same.clientKey()).isEqualTo(ClientKey.of(KEY));
    assertThat(same.appCode()).isEqualTo("APP2");
    assertThat(same.updatedAt()).isEqualTo(later);
    assertThat(same.createdAt()).isEqualTo(T);
    StoreCloudAccount replaced =
        a.changed("production", null, "APP2", null, null, ClientKey.of(KEY + "X"), later);
    assertThat(replaced.clientKey().reveal()).isEqualTo(KEY + "X");
  }
}
