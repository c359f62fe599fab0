package io.ecrhub.app.settlement;

import static io.ecrhub.app.support.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Without a QFPay cloud account (the default test profile) there is no statement to draw up. */
@QuarkusTest
class SettlementWithoutCloudTest {
  @Test
  void noCloudAccount_is422AndNothingRuns() {
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
