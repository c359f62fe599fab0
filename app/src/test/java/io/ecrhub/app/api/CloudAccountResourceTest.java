package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/cloud-accounts} (ADR 0028): every field is checked before anything is stored (4xx
 * with a code, never a 500), one account per store, paging, and a store-scoped admin sees and
 * changes only its stores' accounts.
 */
@QuarkusTest
class CloudAccountResourceTest {

  private static Map<String, Object> valid(String store) {
    Map<String, Object> b = new HashMap<>();
    b.put("storeId", store);
    b.put("environment", "live-test");
    b.put("appCode", "APPVALID01");
    b.put("clientKey", "0123456789ABCDEF0123");
    return b;
  }

  private static Map<String, Object> with(String store, String field, Object value) {
    Map<String, Object> b = valid(store);
    if (value == null) {
      b.remove(field);
    } else {
      b.put(field, value);
    }
    return b;
  }

  private static void refused(Map<String, Object> body, int status, String code, String field) {
    var r =
        admin()
            .body(body)
            .post("/api/v1/cloud-accounts")
            .then()
            .statusCode(status)
            .body("code", equalTo(code));
    if (field != null) {
      r.body("field", equalTo(field));
    }
  }

  @Test
  void create_withEveryField_isShownWithoutTheKey() {
    String store = unique("full-");
    Map<String, Object> body = with(store, "environment", null);
    body.put("url", "http://127.0.0.1:18080");
    body.put("mchid", "MCH-7");
    body.put("signType", "sha256");
    admin()
        .body(body)
        .post("/api/v1/cloud-accounts")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.containsString("/api/v1/cloud-accounts/cla_"))
        .body("storeId", equalTo(store))
        .body("url", equalTo("http://127.0.0.1:18080"))
        .body("environment", nullValue())
        .body("appCode", equalTo("APPVALID01"))
        .body("mchid", equalTo("MCH-7"))
        .body("signType", equalTo("SHA256"))
        .body("clientKeySet", equalTo(true))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("clientKey")));
  }

  @Test
  void invalidFields_areRefusedWithTheirCode() {
    String s = unique("bad-");
    refused(with(s, "storeId", null), 400, "FIELD_REQUIRED", "storeId");
    refused(with(s, "storeId", "no spaces allowed"), 400, "INVALID_STORE_ID", "storeId");
    refused(with(s, "environment", "staging"), 400, "INVALID_CLOUD_ENDPOINT", "environment");
    refused(with(s, "environment", null), 400, "INVALID_CLOUD_ENDPOINT", "environment");
    refused(with(s, "url", "https://openapi-hk.qfapi.com"), 400, "INVALID_CLOUD_ENDPOINT", "url");
    Map<String, Object> plainHttp = with(s, "environment", null);
    plainHttp.put("url", "http://openapi-hk.qfapi.com");
    refused(plainHttp, 400, "INVALID_CLOUD_ENDPOINT", "url");
    Map<String, Object> notUrl = with(s, "environment", null);
    notUrl.put("url", "openapi-hk.qfapi.com/x?y=1");
    refused(notUrl, 400, "INVALID_CLOUD_ENDPOINT", "url");
    refused(with(s, "appCode", null), 400, "FIELD_REQUIRED", "appCode");
    refused(with(s, "appCode", "APP CODE"), 400, "INVALID_APP_CODE", "appCode");
    refused(with(s, "clientKey", null), 400, "FIELD_REQUIRED", "clientKey");
    refused(with(s, "clientKey", "short"), 400, "INVALID_CLIENT_KEY", "clientKey");
    refused(with(s, "clientKey", "has white space in it"), 400, "INVALID_CLIENT_KEY", "clientKey");
    refused(with(s, "mchid", "m\nx"), 400, "INVALID_MCHID", "mchid");
    refused(with(s, "signType", "SHA1"), 400, "INVALID_SIGN_TYPE", "signType");
    refused(with(s, "posKey", "x"), 400, "UNKNOWN_FIELD", null);
    admin().post("/api/v1/cloud-accounts").then().statusCode(400);
    // nothing was stored for the store
    assertThat(
            admin()
                .get("/api/v1/cloud-accounts?storeId=" + s)
                .then()
                .statusCode(200)
                .extract()
                .<List<Object>>path("items"))
        .isEmpty();
  }

  @Test
  void aSecondAccountOfAStore_is409() {
    String s = unique("dup-");
    admin().body(valid(s)).post("/api/v1/cloud-accounts").then().statusCode(201);
    refused(valid(s), 409, "CLOUD_ACCOUNT_EXISTS", "storeId");
  }

  @Test
  void changes_checkTheirFieldsToo_andPatchChangesOnlyWhatIsGiven() {
    String s = unique("chg-");
    String id =
        admin()
            .body(with(s, "mchid", "MCH-1"))
            .post("/api/v1/cloud-accounts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String path = "/api/v1/cloud-accounts/" + id;
    admin()
        .body(Map.of("url", "http://10.0.0.9"))
        .patch(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CLOUD_ENDPOINT"));
    admin()
        .body(Map.of("environment", "sandbox", "url", "https://x.example"))
        .patch(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CLOUD_ENDPOINT"));
    admin()
        .body(Map.of("environment", "sandbox"))
        .put(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("FIELD_REQUIRED"))
        .body("field", equalTo("appCode"));
    admin()
        .body(Map.of("storeId", "other"))
        .patch(path)
        .then()
        .statusCode(400)
        .body("code", equalTo("UNKNOWN_FIELD"));
    admin()
        .body(Map.of("appCode", "APPNEW02"))
        .patch(path)
        .then()
        .statusCode(200)
        .body("appCode", equalTo("APPNEW02"))
        .body("environment", equalTo("live-test"))
        .body("mchid", equalTo("MCH-1"));
    admin().body(Map.of("mchid", "")).patch(path).then().statusCode(200).body("mchid", nullValue());
    admin()
        .get("/api/v1/cloud-accounts/cla_missing")
        .then()
        .statusCode(404)
        .body("code", equalTo("CLOUD_ACCOUNT_NOT_FOUND"));
    admin()
        .body(Map.of("appCode", "X1"))
        .patch("/api/v1/cloud-accounts/cla_missing")
        .then()
        .statusCode(404);
  }

  @Test
  void list_pages_andAScopedAdminSeesAndChangesOnlyItsStores() {
    String mine = unique("mine-");
    String other = unique("other-");
    String myId =
        admin()
            .body(valid(mine))
            .post("/api/v1/cloud-accounts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String otherId =
        admin()
            .body(valid(other))
            .post("/api/v1/cloud-accounts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String scoped = createKey("admin", Map.of("stores", List.of(mine)));

    List<String> seen =
        as(scoped)
            .get("/api/v1/cloud-accounts?limit=200")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(seen).containsExactly(myId);
    as(scoped)
        .get("/api/v1/cloud-accounts/" + otherId)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
    as(scoped)
        .body(Map.of("appCode", "STOLEN01"))
        .patch("/api/v1/cloud-accounts/" + otherId)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
    as(scoped).delete("/api/v1/cloud-accounts/" + otherId).then().statusCode(403);
    as(scoped)
        .body(valid(unique("elsewhere-")))
        .post("/api/v1/cloud-accounts")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
    as(scoped)
        .body(Map.of("appCode", "MINE0002"))
        .patch("/api/v1/cloud-accounts/" + myId)
        .then()
        .statusCode(200);
    String cashier = createKey("cashier", null);
    as(cashier)
        .get("/api/v1/cloud-accounts")
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));

    // paging over everything: two per page, every account once
    List<String> all = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var page =
          admin()
              .queryParam("limit", 2)
              .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
              .get("/api/v1/cloud-accounts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
      all.addAll(page.getList("items.id", String.class));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(all).contains(myId, otherId).doesNotHaveDuplicates();
    assertThat(all).isSorted();
  }
}
