package io.ecrhub.app.settlement;

import static io.ecrhub.app.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a QFPay cloud account (the default test profile has no default account) there is no
 * statement to draw up. Other tests of this profile add accounts for stores of their own (the
 * authorization matrix does): they are removed first, since any store's account makes a statement.
 */
@QuarkusTest
class SettlementWithoutCloudTest {
  @Test
  void noCloudAccount_is422AndNothingRuns() {
    List<String> ids;
    do {
      ids =
          admin()
              .queryParam("limit", 100)
              .get("/api/v1/cloud-accounts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items.id", String.class);
      ids.forEach(id -> admin().delete("/api/v1/cloud-accounts/" + id).then().statusCode(204));
    } while (!ids.isEmpty());

    admin()
        .queryParam("date", LocalDate.now().minusDays(1).toString())
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("CLOUD_NOT_CONFIGURED"));
    admin().get("/api/v1/reports/settlement/runs").then().statusCode(200);
  }
}
