package io.ecrhub.app.mms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POS Key List import over the admin API: row-by-row errors, apply, hold, review, audit. The IPs
 * are documentation addresses (192.0.2.0/24): data only, never contacted.
 */
@QuarkusTest
class MmsResourceTest {
  static final String KEY_1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String KEY_2 = "f9e8d7c6b5a4039281706f5e4d3c2b1a";
  static final String KEY_3 = "1234567890abcdef1234567890abcdef";

  private static Response upload(String csv, String query) {
    return Api.admin().contentType("text/csv").body(csv).post("/api/v1/mms/imports" + query);
  }

  private static String id(String deviceId) {
    return deviceId.toLowerCase(Locale.ROOT);
  }

  @Test
  void csvWithGoodAndBadRows_appliesTheGoodOnes_andReportsEachBadRow() {
    String a = Api.unique("SNA");
    String b = Api.unique("SNB");
    String csv =
        "Serial No.,Device Name,POS-KEY,Enable Https,Encryption,IP Address\n"
            + a
            + ",Front,"
            + KEY_1
            + ",yes,on,192.0.2.101\n"
            + "BAD-1,Bad key,short,yes,on,192.0.2.101\n"
            + b
            + ",Back,"
            + KEY_2
            + ",no,on,192.0.2.102\n"
            + "BAD-2,Bad flag,"
            + KEY_3
            + ",perhaps,on,192.0.2.103\n";

    Response r = upload(csv, "?partial=true&name=poskeys.csv");
    r.then().statusCode(200);
    JsonPath j = r.jsonPath();
    assertThat(j.getLong("applied")).isEqualTo(2);
    assertThat(j.getList("rowErrors.row", Integer.class)).containsExactly(3, 5);
    assertThat(j.getList("rowErrors.field", String.class)).containsExactly("pos key", "https");
    assertThat(r.asString()).doesNotContain(KEY_1).doesNotContain(KEY_2).doesNotContain("short");

    Api.admin()
        .get("/api/v1/terminals/" + id(a))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTPS"))
        .body("host", equalTo("192.0.2.101"));
    Api.admin()
        .get("/api/v1/terminals/" + id(b))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTP"));
    Api.admin().get("/api/v1/terminals/BAD-1".toLowerCase(Locale.ROOT)).then().statusCode(404);

    String audit =
        Api.admin().get("/api/v1/mms/audit?limit=50").then().statusCode(200).extract().asString();
    assertThat(audit)
        .contains("ROW_REJECTED")
        .contains("APPLIED")
        .contains(a)
        .doesNotContain(KEY_1)
        .doesNotContain(KEY_3);
  }

  @Test
  void reimport_withChangedKeyAndToggles_isHeld_andApprovalAppliesThemAsOneDevice() {
    String a = Api.unique("SNC");
    upload(
            "sn,pos key,https,encryption,ip\n" + a + "," + KEY_1 + ",1,1,192.0.2.109\n",
            "?partial=true")
        .then()
        .statusCode(200);
    Response r =
        upload(
            "sn,pos key,https,encryption,ip\n" + a + "," + KEY_2 + ",0,0,192.0.2.109\n",
            "?partial=true");
    r.then().statusCode(200);
    assertThat(r.jsonPath().getList("devices[0].changes", String.class))
        .containsExactlyInAnyOrder("KEY_CHANGED", "HTTPS_TOGGLED", "ENCRYPTION_TOGGLED");
    // a new POS key and HTTPS switched off wait for an operator (ecrhub.mms.always-review)
    assertThat(r.jsonPath().getString("devices[0].result")).isEqualTo("HELD");
    Api.admin()
        .get("/api/v1/terminals/" + id(a))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTPS"))
        .body("encryption", equalTo(true));

    Api.admin()
        .post("/api/v1/mms/held/" + r.jsonPath().getString("syncId") + "/approve")
        .then()
        .statusCode(200)
        .body("devices[0].result", equalTo("APPLIED"));
    Api.admin()
        .get("/api/v1/terminals/" + id(a))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTP"))
        .body("encryption", equalTo(false));
  }

  @Test
  void deviceThatCannotBeApplied_keepsEveryOldSetting_whileTheOtherRowsApply() {
    String old = Api.unique("SNOLD");
    String other = Api.unique("SNOTH");
    upload(
            "sn,pos key,https,encryption,ip\n" + old + "," + KEY_1 + ",no,on,192.0.2.130\n",
            "?partial=true")
        .then()
        .statusCode(200);
    Api.admin()
        .body(Map.of("appVersion", "4.33.24"))
        .patch("/api/v1/terminals/" + id(old))
        .then()
        .statusCode(200);
    JsonPath before = Api.admin().get("/api/v1/terminals/" + id(old)).then().extract().jsonPath();

    // MMS switched HTTPS on (the app is too old for it), rotated the key, switched encryption off
    // and moved the device: none of it may land without the rest
    Response r =
        upload(
            "sn,pos key,https,encryption,ip\n"
                + old
                + ","
                + KEY_2
                + ",yes,off,192.0.2.131\n"
                + other
                + ","
                + KEY_3
                + ",no,on,192.0.2.132\n",
            "?partial=true");
    r.then().statusCode(200);
    assertThat(r.jsonPath().getString("devices.find { it.deviceId == '" + old + "' }.result"))
        .isEqualTo("HELD");
    assertThat(r.jsonPath().getString("devices.find { it.deviceId == '" + other + "' }.result"))
        .isEqualTo("APPLIED");
    JsonPath approved =
        Api.admin()
            .post("/api/v1/mms/held/" + r.jsonPath().getString("syncId") + "/approve")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(approved.getString("devices.find { it.deviceId == '" + old + "' }.result"))
        .isEqualTo("FAILED");
    assertThat(approved.getString("devices.find { it.deviceId == '" + old + "' }.reason"))
        .startsWith("HTTPS_NEEDS_NEWER_APP");

    JsonPath after = Api.admin().get("/api/v1/terminals/" + id(old)).then().extract().jsonPath();
    assertThat(after.getString("transport")).isEqualTo("HTTP");
    assertThat(after.getBoolean("encryption")).isTrue();
    assertThat(after.getString("host")).isEqualTo("192.0.2.130");
    assertThat(after.getString("posKeyFingerprint"))
        .isEqualTo(before.getString("posKeyFingerprint"));
    assertThat(after.getLong("version")).isEqualTo(before.getLong("version"));
    Api.admin().get("/api/v1/terminals/" + id(other)).then().statusCode(200);
    assertThat(Api.admin().get("/api/v1/mms/audit?limit=100").asString())
        .contains("FAILED")
        .doesNotContain(KEY_2);
  }

  @Test
  void deviceMissingFromAFullList_isHeldForReview_andRejectingKeepsIt() {
    // The shared test database holds other classes' terminals too: a full list holds their
    // removal as well, so this test only rejects (approval is tested on a review-only upload).
    String keep = Api.unique("SND");
    String gone = Api.unique("SNE");
    upload(
            "sn,pos key,https,encryption,ip\n"
                + keep
                + ","
                + KEY_1
                + ",1,1,192.0.2.111\n"
                + gone
                + ","
                + KEY_2
                + ",1,1,192.0.2.112\n",
            "?partial=true")
        .then()
        .statusCode(200);

    Response r =
        upload("sn,pos key,https,encryption,ip\n" + keep + "," + KEY_1 + ",1,1,192.0.2.111\n", "");
    r.then().statusCode(200);
    String syncId = r.jsonPath().getString("syncId");
    assertThat(r.jsonPath().getList("devices.findAll { it.result == 'HELD' }.deviceId"))
        .contains(gone)
        .doesNotContain(keep);

    String held = Api.admin().get("/api/v1/mms/held").then().statusCode(200).extract().asString();
    assertThat(held).contains(syncId).contains(gone).doesNotContain(KEY_1).doesNotContain(KEY_2);

    Api.admin()
        .post("/api/v1/mms/held/" + syncId + "/reject")
        .then()
        .statusCode(200)
        .body("rejected", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    Api.admin()
        .get("/api/v1/terminals/" + id(gone))
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.not(equalTo("DISABLED")));
    Api.admin()
        .post("/api/v1/mms/held/" + syncId + "/approve")
        .then()
        .statusCode(409)
        .body("code", equalTo("HELD_SYNC_RESOLVED"));
  }

  @Test
  void reviewUpload_holdsTheChange_untilApproved() {
    String a = Api.unique("SNG");
    upload(
            "sn,pos key,https,encryption,ip\n" + a + "," + KEY_1 + ",1,1,192.0.2.120\n",
            "?partial=true")
        .then()
        .statusCode(200);
    Response r =
        upload(
            "sn,pos key,https,encryption,ip\n" + a + "," + KEY_1 + ",0,1,192.0.2.120\n",
            "?partial=true&review=true");
    r.then().statusCode(200).body("held", equalTo(1));
    Api.admin().get("/api/v1/terminals/" + id(a)).then().body("transport", equalTo("HTTPS"));

    Api.admin()
        .post("/api/v1/mms/held/" + r.jsonPath().getString("syncId") + "/approve")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1));
    Api.admin().get("/api/v1/terminals/" + id(a)).then().body("transport", equalTo("HTTP"));
  }

  @Test
  void jsonUpload_isRead() {
    String a = Api.unique("SNF");
    String body =
        "{\"devices\":[{\"deviceId\":\""
            + a
            + "\",\"posKey\":\""
            + KEY_3
            + "\",\"https\":true,\"encryption\":true,\"ip\":\"192.0.2.120\"}]}";
    Api.admin()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1));
  }

  @Test
  void fileThatIsNotAPosKeyList_isA422_andBadInputIsA400() {
    upload("name,colour\nx,y\n", "?partial=true")
        .then()
        .statusCode(422)
        .body("code", equalTo("CONFIG_SOURCE_INVALID"));
    upload("sn,pos key,https,encryption\n", "?format=xml")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_FORMAT"));
    Api.admin().get("/api/v1/mms/audit?limit=0").then().statusCode(400);
  }

  @Test
  void configuredFile_isImportedByPath() {
    Response r = Api.admin().post("/api/v1/mms/imports/file");
    r.then().statusCode(200);
    assertThat(r.jsonPath().getString("source")).endsWith("poskeys.csv");
    assertThat(r.asString()).contains("FILE-DEV-1").doesNotContain("c0ffee00c0ffee00");
    Api.admin()
        .get("/api/v1/terminals/file-dev-1")
        .then()
        .statusCode(200)
        .body("host", equalTo("192.0.2.200"));
  }

  @Test
  void unconfiguredSources_are404_andAnonymousCallersAre401() {
    Api.admin()
        .post("/api/v1/mms/pull")
        .then()
        .statusCode(404)
        .body("code", equalTo("MMS_SOURCE_NOT_CONFIGURED"));

    Api.admin().get("/api/v1/mms/pull").then().statusCode(200).body("configured", equalTo(false));
    given()
        .contentType("text/csv")
        .body("sn,pos key,https,encryption\n")
        .post("/api/v1/mms/imports")
        .then()
        .statusCode(401);
    String scoped = Api.createKey("admin", Map.of("stores", List.of(Api.unique("s"))));
    Api.as(scoped)
        .contentType("text/csv")
        .body("sn,pos key,https,encryption\n")
        .post("/api/v1/mms/imports")
        .then()
        .statusCode(403);
  }
}
