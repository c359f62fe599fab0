package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

  @Test
  void create_returnsTheKeyOnce_andListingsNeverShowIt() {
    var created =
        admin()
            .body(Map.of("name", "Till 3", "role", "cashier"))
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .body("id", startsWith("key_"))
            .body("role", equalTo("cashier"))
            .body("key", startsWith("ehk_"))
            .body("scope", nullValue())
            .extract();
    String id = created.path("id");
    String key = created.path("key");

    String one =
        admin()
            .get("/api/v1/api-keys/" + id)
            .then()
            .statusCode(200)
            .body("prefix", equalTo(key.substring(0, 8)))
            .extract()
            .asString();
    String all =
        admin()
            .queryParam("limit", 200)
            .get("/api/v1/api-keys")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(one).doesNotContain(key);
    org.assertj.core.api.Assertions.assertThat(all).doesNotContain(key);
  }

  @Test
  void createdKey_authenticates_untilRevoked() {
    var created =
        admin()
            .body(Map.of("name", "temp", "role", "cashier"))
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .extract();
    String key = created.path("key");
    as(key).get("/api/v1/terminals").then().statusCode(200);

    admin()
        .delete("/api/v1/api-keys/" + created.path("id"))
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue());

    as(key)
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_API_KEY"));
  }

  @Test
  void scopedKey_keepsItsScope() {
    String store = unique("s");
    admin()
        .body(
            Map.of("name", "scoped", "role", "cashier", "scope", Map.of("stores", List.of(store))))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(201)
        .body("scope.stores", hasItem(store));
  }

  @Test
  void cashier_cannotManageKeys() {
    String cashier = createKey("cashier", null);
    as(cashier)
        .body(Map.of("name", "x", "role", "admin"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));
    as(cashier).get("/api/v1/api-keys").then().statusCode(403);
  }

  @Test
  void scopedAdmin_cannotManageKeys() {
    String scopedAdmin = createKey("admin", Map.of("stores", List.of(unique("s"))));
    as(scopedAdmin).get("/api/v1/api-keys").then().statusCode(403);
  }

  @Test
  void newAdminKey_canManageKeys() {
    String newAdmin = createKey("admin", null);
    as(newAdmin)
        .body(Map.of("name", "by new admin", "role", "cashier"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(201);
  }

  @Test
  void unknownRole_is400() {
    admin()
        .body(Map.of("name", "x", "role", "superuser"))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_ROLE"))
        .body("field", equalTo("role"));
  }

  @Test
  void badScopeTerminalId_is400() {
    admin()
        .body(
            Map.of("name", "x", "role", "cashier", "scope", Map.of("terminals", List.of("BAD ID"))))
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_TERMINAL_ID"));
  }

  @Test
  void revokeUnknown_is404() {
    admin()
        .delete("/api/v1/api-keys/key_nope")
        .then()
        .statusCode(404)
        .body("code", equalTo("API_KEY_NOT_FOUND"));
  }

  @Test
  void listing_pagesThroughKeys() {
    createKey("cashier", null);
    createKey("cashier", null);
    var page =
        admin().queryParam("limit", 1).get("/api/v1/api-keys").then().statusCode(200).extract();
    String cursor = page.path("nextCursor");
    org.assertj.core.api.Assertions.assertThat(cursor).isNotNull();
    String firstId = page.path("items[0].id");
    admin()
        .queryParam("limit", 1)
        .queryParam("cursor", cursor)
        .get("/api/v1/api-keys")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(firstId)));
  }
}
