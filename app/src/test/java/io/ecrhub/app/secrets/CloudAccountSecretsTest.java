package io.ecrhub.app.secrets;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.SealedFor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store's QFPay client key (ADR 0028) is sealed at rest bound to its row like the POS keys (ADR
 * 0011), never returned by the API nor written to the log, re-sealed on master-key rotation, and a
 * sealed key copied into another account's row does not open there (that store is then served by no
 * account, not by the default one). H2 and PostgreSQL.
 */
@QuarkusTest
class CloudAccountSecretsTest {
  @Inject DataSource dataSource;
  @Inject Instance<SealedSecretStore> stores;
  @Inject StoreCloudAccounts accounts;
  @Inject QfpayCloudAccounts clouds;

  @ConfigProperty(name = "ecrhub.secrets.master-key")
  String currentKey;

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String m = String.valueOf(r.getMessage());
          Object[] p = r.getParameters();
          StringBuilder line = new StringBuilder(m);
          if (p != null) {
            line.append(' ').append(Arrays.toString(p));
            try {
              line.append(' ').append(String.format(m, p));
            } catch (RuntimeException e) {
              // not a printf template: the parameters are there already
            }
          }
          if (r.getThrown() != null) {
            line.append(' ').append(r.getThrown());
          }
          log.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @AfterEach
  void release() {
    Logger.getLogger("").removeHandler(handler);
  }

  private static String create(String store, String key) {
    return admin()
        .body(
            Map.of(
                "storeId",
                store,
                "environment",
                "sandbox",
                "appCode",
                "APPSECRET01",
                "clientKey",
                key))
        .post("/api/v1/cloud-accounts")
        .then()
        .statusCode(201)
        .body("clientKeySet", equalTo(true))
        .body("clientKeyProblem", nullValue())
        .extract()
        .path("id");
  }

  @Test
  void theClientKey_isSealedAtRest_andNeverReturnedNorLogged() {
    Logger.getLogger("").addHandler(handler);
    String key = unique("SECRET-client-key-");
    String replaced = unique("SECRET-replaced-key-");
    String store = unique("sec-");
    String id = create(store, key);

    String one =
        admin().get("/api/v1/cloud-accounts/" + id).then().statusCode(200).extract().asString();
    String list =
        admin()
            .get("/api/v1/cloud-accounts?storeId=" + store)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String patched =
        admin()
            .body(Map.of("clientKey", replaced))
            .patch("/api/v1/cloud-accounts/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String put =
        admin()
            .body(Map.of("url", "https://openapi-int.qfapi.com", "appCode", "APPSECRET02"))
            .put("/api/v1/cloud-accounts/" + id)
            .then()
            .statusCode(200)
            .body("url", equalTo("https://openapi-int.qfapi.com"))
            .body("environment", nullValue())
            .extract()
            .asString();
    // a refused key is not echoed either
    String refusedKey = unique("SECRET refused ");
    String refused =
        admin()
            .body(Map.of("clientKey", refusedKey))
            .patch("/api/v1/cloud-accounts/" + id)
            .then()
            .statusCode(400)
            .body("code", equalTo("INVALID_CLIENT_KEY"))
            .extract()
            .asString();

    for (String body : List.of(one, list, patched, put, refused)) {
      assertThat(body)
          .doesNotContain(key)
          .doesNotContain(replaced)
          .doesNotContain(key.substring(key.length() - 4))
          .doesNotContain(refusedKey);
    }
    assertThat(List.of(one, patched, put)).allSatisfy(b -> assertThat(b).contains(id));
    String sealed = column(id);
    assertThat(sealed).startsWith("v2:").doesNotContain(replaced).doesNotContain(key);
    assertThat(accounts.find(id).orElseThrow().clientKey().reveal())
        .as("PUT without a clientKey kept the replaced key")
        .isEqualTo(replaced);
    assertThat(log).as("the change was logged").anySatisfy(l -> assertThat(l).contains(id));
    assertThat(String.join("\n", log))
        .doesNotContain(key)
        .doesNotContain(replaced)
        .doesNotContain(refusedKey)
        .doesNotContain(sealed);
    admin().delete("/api/v1/cloud-accounts/" + id).then().statusCode(204);
    admin()
        .get("/api/v1/cloud-accounts/" + id)
        .then()
        .statusCode(404)
        .body("code", equalTo("CLOUD_ACCOUNT_NOT_FOUND"));
  }

  @Test
  void aKeyCopiedIntoAnotherAccountsRow_doesNotOpen_andThatStoreIsServedByNoAccount() {
    Logger.getLogger("").addHandler(handler);
    String keyA = unique("copy-key-a-");
    String keyB = unique("copy-key-b-");
    String storeB = unique("copy-b-");
    String a = create(unique("copy-a-"), keyA);
    String b = create(storeB, keyB);
    try {
      update(b, column(a));

      admin()
          .get("/api/v1/cloud-accounts/" + b)
          .then()
          .statusCode(200)
          .body("clientKeyProblem", startsWith("CLIENT_KEY_UNREADABLE"));
      assertThat(accounts.find(b).orElseThrow().usable()).isFalse();
      assertThat(clouds.serves(storeB)).as("never the default account, nor A's key").isFalse();
      assertThat(String.join("\n", log)).doesNotContain(keyA).doesNotContain(keyB);

      // entering the key again repairs it
      admin()
          .body(Map.of("clientKey", keyB))
          .patch("/api/v1/cloud-accounts/" + b)
          .then()
          .statusCode(200)
          .body("clientKeyProblem", nullValue());
      assertThat(accounts.find(b).orElseThrow().clientKey().reveal()).isEqualTo(keyB);
      assertThat(clouds.serves(storeB)).isTrue();
    } finally {
      admin().delete("/api/v1/cloud-accounts/" + a);
      admin().delete("/api/v1/cloud-accounts/" + b);
    }
  }

  @Test
  void rotation_resealsTheClientKeyUnderTheNewMasterKey() {
    String key = unique("rotate-key-");
    String id = create(unique("rot-"), key);
    String newKey = AesGcmSecretSealerTest.newKey();
    AesGcmSecretSealer rotated =
        new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of(currentKey)));
    AesGcmSecretSealer back = new AesGcmSecretSealer(MasterKeys.parse(currentKey, List.of(newKey)));
    try {
      assertThat(resealAll(rotated)).isGreaterThanOrEqualTo(1);
      String stored = column(id);
      assertThat(stored).startsWith("v2:" + rotated.currentKeyId() + ":");
      AesGcmSecretSealer newKeyOnly = new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of()));
      assertThat(
              newKeyOnly.open(
                  stored, new SealedFor("store_cloud_account", "client_key_sealed", id)))
          .isEqualTo(key);
    } finally {
      resealAll(back); // the running hub still uses the test key
      admin().delete("/api/v1/cloud-accounts/" + id);
    }
  }

  private int resealAll(Resealer resealer) {
    int n = 0;
    for (SealedSecretStore s : stores) {
      n += s.resealAll(resealer);
    }
    return n;
  }

  private String column(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT client_key_sealed FROM store_cloud_account WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void update(String id, String sealed) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE store_cloud_account SET client_key_sealed = ? WHERE id = ?")) {
      ps.setString(1, sealed);
      ps.setString(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
