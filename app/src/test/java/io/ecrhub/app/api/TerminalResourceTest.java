package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TerminalResourceTest {

  @Test
  void register_answers201WithLocationAndNeverTheKey() {
    String store = unique("s");
    String body =
        admin()
            .body(
                Map.of(
                    "name", "Counter 1",
                    "host", "192.168.1.50",
                    "transport", "HTTPS",
                    "posKey", POS_KEY,
                    "model", "LANDI_A8",
                    "storeId", store))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/terminals/trm_"))
            .body("id", startsWith("trm_"))
            .body("port", equalTo(9001))
            .body("encryption", equalTo(true))
            .body("status", equalTo("NEW"))
            .body("storeId", equalTo(store))
            .body("$", not(hasKey("posKey")))
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body).doesNotContain(POS_KEY);
  }

  @Test
  void get_returnsTheTerminalWithoutTheKey() {
    String id = createTerminal(unique("s"));
    String body =
        admin()
            .get("/api/v1/terminals/" + id)
            .then()
            .statusCode(200)
            .body("id", equalTo(id))
            .body("transport", equalTo("HTTPS"))
            .body("posKeyFingerprint", notNullValue())
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body).doesNotContain(POS_KEY);
  }

  @Test
  void tcpTransport_defaultsToPort9002() {
    admin()
        .body(Map.of("name", "T", "host", "10.0.0.7", "transport", "TCP", "posKey", POS_KEY))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .body("port", equalTo(9002));
  }

  @Test
  void list_paginatesWithOpaqueCursors() {
    String store = unique("s");
    List<String> ids = List.of(createTerminal(store), createTerminal(store), createTerminal(store));

    var first =
        admin()
            .queryParam("storeId", store)
            .queryParam("limit", 2)
            .get("/api/v1/terminals")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .body("nextCursor", notNullValue())
            .extract();
    String cursor = first.path("nextCursor");
    admin()
        .queryParam("storeId", store)
        .queryParam("limit", 2)
        .queryParam("cursor", cursor)
        .get("/api/v1/terminals")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("nextCursor", nullValue());
    List<String> firstIds = first.path("items.id");
    org.assertj.core.api.Assertions.assertThat(firstIds).isSubsetOf(ids);
  }

  @Test
  void list_withAForgedCursor_is400NamingTheField() {
    admin()
        .queryParam("cursor", "not-a-cursor")
        .get("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CURSOR"))
        .body("field", equalTo("cursor"));
  }

  @Test
  void list_withBadLimit_is400() {
    admin()
        .queryParam("limit", "abc")
        .get("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_LIMIT"))
        .body("field", equalTo("limit"));
    admin().queryParam("limit", 0).get("/api/v1/terminals").then().statusCode(400);
    admin().queryParam("limit", 100000).get("/api/v1/terminals").then().statusCode(400);
  }

  @Test
  void patch_changesOnlyGivenFieldsAndBumpsTheVersion() {
    String id = createTerminal(unique("s"));
    int version = admin().get("/api/v1/terminals/" + id).then().extract().path("version");
    admin()
        .body(Map.of("name", "Renamed", "port", 9443))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed"))
        .body("port", equalTo(9443))
        .body("host", equalTo("127.0.0.1"))
        .body("version", equalTo(version + 1));
  }

  @Test
  void patch_enabledFalse_disablesTheTerminal() {
    String id = createTerminal(unique("s"));
    admin()
        .body(Map.of("enabled", false))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("DISABLED"));
    admin()
        .body(Map.of("enabled", true))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("NEW"));
  }

  @Test
  void delete_removesTheTerminal() {
    String id = createTerminal(unique("s"));
    admin().delete("/api/v1/terminals/" + id).then().statusCode(204);
    admin()
        .get("/api/v1/terminals/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("TERMINAL_NOT_FOUND"));
  }

  @Test
  void unknownTerminal_is404ProblemDocument() {
    admin()
        .get("/api/v1/terminals/trm_doesnotexist")
        .then()
        .statusCode(404)
        .body("status", equalTo(404))
        .body("title", equalTo("Not Found"))
        .body("type", equalTo("urn:ecrhub:problem:terminal-not-found"))
        .body("instance", equalTo("/api/v1/terminals/trm_doesnotexist"));
    admin().get("/api/v1/terminals/NOT..VALID").then().statusCode(404);
  }

  // ------------------------------------------------------------------ authentication, roles, scope

  @Test
  void missingKey_is401WithBearerChallenge() {
    given()
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType("application/problem+json")
        .body("code", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void wrongKey_is401() {
    as("ehk_wrongwrongwrongwrongwrongwrongwrongwrong")
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .body("code", equalTo("INVALID_API_KEY"));
    given()
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .body("code", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void cashier_cannotRegisterTerminals_403() {
    String cashier = createKey("cashier", null);
    as(cashier)
        .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", POS_KEY))
        .post("/api/v1/terminals")
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));
    as(cashier).get("/api/v1/terminals").then().statusCode(200);
  }

  @Test
  void scopedKey_seesOnlyItsStores_andGets403Elsewhere() {
    String mine = unique("s");
    String other = unique("s");
    String myTerminal = createTerminal(mine);
    String otherTerminal = createTerminal(other);
    String cashier = createKey("cashier", Map.of("stores", List.of(mine)));

    as(cashier)
        .get("/api/v1/terminals")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(myTerminal))
        .body("items.id", not(hasItem(otherTerminal)));
    as(cashier).get("/api/v1/terminals/" + myTerminal).then().statusCode(200);
    as(cashier)
        .get("/api/v1/terminals/" + otherTerminal)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
  }

  @Test
  void scopedToOneTerminal_reachesOnlyThatTerminal() {
    String store = unique("s");
    String t1 = createTerminal(store);
    String t2 = createTerminal(store);
    String cashier = createKey("cashier", Map.of("terminals", List.of(t1)));
    as(cashier).get("/api/v1/terminals/" + t1).then().statusCode(200);
    as(cashier).get("/api/v1/terminals/" + t2).then().statusCode(403);
  }

  @Test
  void scopedAdmin_cannotRegisterOutsideItsStores() {
    String mine = unique("s");
    String scopedAdmin = createKey("admin", Map.of("stores", List.of(mine)));
    as(scopedAdmin)
        .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", POS_KEY, "storeId", unique("s")))
        .post("/api/v1/terminals")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
    as(scopedAdmin)
        .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", POS_KEY, "storeId", mine))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201);
  }

  // ----------------------------------------------------------------------------- validation

  @Test
  void missingName_is400NamingTheField() {
    admin()
        .body(Map.of("host", "127.0.0.1", "posKey", POS_KEY))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("INVALID_NAME"))
        .body("field", equalTo("name"));
  }

  @Test
  void portAsString_is400WrongType() {
    admin()
        .body(
            "{\"name\":\"x\",\"host\":\"127.0.0.1\",\"port\":\"9001\",\"posKey\":\""
                + POS_KEY
                + "\"}")
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_FIELD_TYPE"))
        .body("field", equalTo("port"))
        .body("detail", equalTo("port must be an integer"));
  }

  @Test
  void nameAsNumber_is400WrongType() {
    admin()
        .body("{\"name\":12,\"host\":\"127.0.0.1\",\"posKey\":\"" + POS_KEY + "\"}")
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("field", equalTo("name"))
        .body("detail", equalTo("name must be a string"));
  }

  @Test
  void unknownField_is400NamingIt() {
    admin()
        .body("{\"name\":\"x\",\"host\":\"127.0.0.1\",\"posKey\":\"" + POS_KEY + "\",\"colour\":1}")
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("UNKNOWN_FIELD"))
        .body("field", equalTo("colour"));
  }

  @Test
  void malformedJson_is400WithoutInternals() {
    String body =
        admin()
            .body("{\"name\": \"x\", ")
            .post("/api/v1/terminals")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("code", equalTo("MALFORMED_JSON"))
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body)
        .doesNotContain("Exception")
        .doesNotContain("com.fasterxml")
        .doesNotContain("at io.");
  }

  @Test
  void emptyBody_is400() {
    admin().post("/api/v1/terminals").then().statusCode(400).body("code", equalTo("BODY_REQUIRED"));
  }

  @Test
  void arrayBody_is400() {
    admin().body("[1,2]").post("/api/v1/terminals").then().statusCode(400);
  }

  @Test
  void publishedDefaultPosKey_isRefused() {
    admin()
        .body(
            Map.of("name", "x", "host", "127.0.0.1", "posKey", "f46b1f08bec1f39104792cc79ec9aacd"))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("DEFAULT_POS_KEY_REFUSED"))
        .body("field", equalTo("posKey"));
  }

  @Test
  void badPosKeyLength_isRefusedWithoutEchoingTheKey() {
    String body =
        admin()
            .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", "tooshort-secret"))
            .post("/api/v1/terminals")
            .then()
            .statusCode(400)
            .body("code", equalTo("INVALID_POS_KEY"))
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body).doesNotContain("tooshort-secret");
  }

  @Test
  void unknownTransport_isRefused() {
    admin()
        .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", POS_KEY, "transport", "UDP"))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_TRANSPORT"))
        .body("field", equalTo("transport"));
  }

  @Test
  void portOutOfRange_isRefused() {
    admin()
        .body(Map.of("name", "x", "host", "127.0.0.1", "posKey", POS_KEY, "port", 70000))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("field", equalTo("port"));
  }

  @Test
  void duplicateDeviceId_is409() {
    String device = unique("dev");
    admin()
        .body(Map.of("name", "a", "host", "127.0.0.1", "posKey", POS_KEY, "deviceId", device))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201);
    admin()
        .body(Map.of("name", "b", "host", "127.0.0.2", "posKey", POS_KEY, "deviceId", device))
        .post("/api/v1/terminals")
        .then()
        .statusCode(409)
        .body("code", equalTo("DUPLICATE_DEVICE_ID"));
  }

  @Test
  void oversizedBody_is413ProblemDocument() {
    String huge = "x".repeat(70 * 1024);
    admin()
        .body(Map.of("name", huge, "host", "127.0.0.1", "posKey", POS_KEY))
        .post("/api/v1/terminals")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("code", equalTo("PAYLOAD_TOO_LARGE"));
  }

  @Test
  void wrongContentType_is415() {
    admin()
        .contentType(ContentType.TEXT)
        .body("name=x")
        .post("/api/v1/terminals")
        .then()
        .statusCode(415)
        .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void wrongMethod_is405() {
    admin()
        .put("/api/v1/terminals")
        .then()
        .statusCode(405)
        .body("code", equalTo("METHOD_NOT_ALLOWED"));
  }

  @Test
  void unknownPath_is404ProblemDocument() {
    admin().get("/api/v1/nothing-here").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
  }
}
