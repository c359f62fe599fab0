package io.ecrhub.app.secrets;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MasterKeyRotationTest {
  @Inject Instance<SealedSecretStore> stores;
  @Inject Terminals terminals;
  @Inject EntityManager em;

  @ConfigProperty(name = "ecrhub.secrets.master-key")
  String currentKey;

  @Test
  void rotation_resealsEveryStoredPosKeyUnderTheNewKey() {
    String id = Api.createTerminal(Api.unique("s"));
    String newKey = AesGcmSecretSealerTest.newKey();
    AesGcmSecretSealer rotated =
        new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of(currentKey)));
    AesGcmSecretSealer back = new AesGcmSecretSealer(MasterKeys.parse(currentKey, List.of(newKey)));
    try {
      int n = resealAll(rotated);

      assertThat(n).isGreaterThanOrEqualTo(1);
      String stored = storedKey(id);
      assertThat(stored).startsWith("v2:" + rotated.currentKeyId() + ":");
      AesGcmSecretSealer newKeyOnly = new AesGcmSecretSealer(MasterKeys.parse(newKey, List.of()));
      assertThat(newKeyOnly.open(stored, new SealedFor("terminal", "pos_key_sealed", id)))
          .isEqualTo(Api.POS_KEY);
      assertThat(resealAll(rotated)).isZero();
    } finally {
      resealAll(back); // the running hub still uses the test key
    }
    assertThat(terminals.findById(TerminalId.of(id)).orElseThrow().posKey().reveal())
        .isEqualTo(Api.POS_KEY);
  }

  @Test
  void resealEndpoint_isForUnscopedAdminsAndReportsTheCount() {
    admin()
        .post("/api/v1/admin/secrets/reseal")
        .then()
        .statusCode(200)
        .body("resealed", greaterThanOrEqualTo(0));
    as(createKey("cashier", null))
        .post("/api/v1/admin/secrets/reseal")
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));
  }

  private int resealAll(Resealer resealer) {
    int n = 0;
    for (SealedSecretStore s : stores) {
      n += s.resealAll(resealer);
    }
    return n;
  }

  private String storedKey(String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    em.createNativeQuery("SELECT pos_key_sealed FROM terminal WHERE id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
  }
}
