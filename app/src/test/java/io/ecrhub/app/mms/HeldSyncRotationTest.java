package io.ecrhub.app.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.secrets.AesGcmSecretSealer;
import io.ecrhub.app.secrets.MasterKeys;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Master-key rotation re-seals the POS keys inside syncs held for review, so a held key change
 * still applies after the old master key is gone.
 */
@QuarkusTest
class HeldSyncRotationTest {
  static final String OLD_POS_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String NEW_POS_KEY = "5e4d3c2b1a0f9e8d7c6b5a4938271605";

  @Inject Instance<SealedSecretStore> stores;
  @Inject Terminals terminals;
  @Inject EntityManager em;

  @ConfigProperty(name = "ecrhub.secrets.master-key")
  String currentKey;

  @Test
  void rotation_resealsTheHeldKeyChange_whichStillAppliesWithTheRightKey() {
    String sn = Api.unique("SNR");
    String terminalId = sn.toLowerCase(Locale.ROOT);
    upload("sn,pos key,https,encryption,ip\n" + sn + "," + OLD_POS_KEY + ",1,1,192.0.2.130\n", "")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1));
    Response held =
        upload(
            "sn,pos key,https,encryption,ip\n" + sn + "," + NEW_POS_KEY + ",1,1,192.0.2.130\n",
            "&review=true");
    held.then().statusCode(200).body("held", equalTo(1));
    String syncId = held.jsonPath().getString("syncId");
    String before = storedChanges(syncId);
    SealedFor purpose = new SealedFor("mms_held_sync", "changes_sealed", syncId);
    AesGcmSecretSealer current = new AesGcmSecretSealer(MasterKeys.parse(currentKey, List.of()));
    assertThat(current.open(before, purpose)).contains(NEW_POS_KEY);

    String newKey = newMasterKey();
    AesGcmSecretSealer rotated =
        new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of(currentKey)));
    AesGcmSecretSealer back = new AesGcmSecretSealer(MasterKeys.parse(currentKey, List.of(newKey)));
    try {
      assertThat(heldSyncs().resealAll(rotated)).isGreaterThanOrEqualTo(1);

      String after = storedChanges(syncId);
      assertThat(after).isNotEqualTo(before).startsWith("v2:" + rotated.currentKeyId() + ":");
      AesGcmSecretSealer newKeyOnly = new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of()));
      assertThat(newKeyOnly.open(after, purpose)).contains(NEW_POS_KEY);
      assertThatThrownBy(() -> current.open(after, purpose)).isInstanceOf(SealingException.class);
      assertThat(heldSyncs().resealAll(rotated)).isZero();
    } finally {
      resealAll(back); // the running hub still uses the test key
    }

    Api.admin()
        .post("/api/v1/mms/held/" + syncId + "/approve")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1));
    assertThat(terminals.findById(TerminalId.of(terminalId)).orElseThrow().posKey().reveal())
        .isEqualTo(NEW_POS_KEY);
  }

  @Test
  void heldSyncs_takePartInRotation() {
    assertThat(stores.stream().map(SealedSecretStore::name)).contains("held MMS syncs");
  }

  private SealedSecretStore heldSyncs() {
    return stores.stream().filter(s -> s.name().equals("held MMS syncs")).findFirst().orElseThrow();
  }

  private static Response upload(String csv, String extraQuery) {
    return Api.admin()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/mms/imports?partial=true" + extraQuery);
  }

  private int resealAll(Resealer resealer) {
    int n = 0;
    for (SealedSecretStore s : stores) {
      n += s.resealAll(resealer);
    }
    return n;
  }

  private String storedChanges(String syncId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    em.createNativeQuery("SELECT changes_sealed FROM mms_held_sync WHERE id = ?1")
                        .setParameter(1, syncId)
                        .getSingleResult());
  }

  private static String newMasterKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }
}
