package io.ecrhub.app.cloud;

import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a QFPay cloud account nothing can be reached through the cloud: 422, with the reason. */
@QuarkusTest
class CloudTransportUnconfiguredTest {

  @Test
  void cloudTerminal_withoutAnAccount_isRefused() {
    admin()
        .body(Map.of("name", "c", "posKey", POS_KEY, "transport", "CLOUD", "deviceId", unique("d")))
        .post("/api/v1/terminals")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("CLOUD_NOT_CONFIGURED"))
        .body("detail", containsString("ecrhub.qfpay.cloud"));
  }

  @Test
  void cloudFallback_withoutAnAccount_isRefused_onRegistrationAndOnChange() {
    admin()
        .body(
            Map.of(
                "name",
                "c",
                "posKey",
                POS_KEY,
                "host",
                "10.0.0.20",
                "deviceId",
                unique("d"),
                "cloudFallback",
                true))
        .post("/api/v1/terminals")
        .then()
        .statusCode(422)
        .body("code", equalTo("CLOUD_NOT_CONFIGURED"));
    String id =
        admin()
            .body(
                Map.of(
                    "name", "c", "posKey", POS_KEY, "host", "10.0.0.21", "deviceId", unique("d")))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    admin()
        .body(Map.of("cloudFallback", true))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(422)
        .body("code", equalTo("CLOUD_NOT_CONFIGURED"));
  }
}
