package io.ecrhub.app.mms;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/mms/held shows each held setting as before (the registry now) and after (the source),
 * and a changed POS key only as a change, never its value.
 */
@QuarkusTest
class MmsHeldDiffTest {
  @Test
  void heldChange_listsBeforeAndAfterPerField_withoutThePosKey() {
    String device = Api.unique("SNDIFF");
    Api.admin()
        .contentType("text/csv")
        .body(
            "sn,name,pos key,https,encryption,ip\n"
                + device
                + ",Front,"
                + MmsResourceTest.KEY_1
                + ",yes,on,192.0.2.140\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200);
    String syncId =
        Api.admin()
            .contentType("text/csv")
            .body(
                "sn,name,pos key,https,encryption,ip\n"
                    + device
                    + ",Front,"
                    + MmsResourceTest.KEY_2
                    + ",no,on,192.0.2.141\n")
            .post("/api/v1/mms/imports?partial=true")
            .then()
            .statusCode(200)
            .extract()
            .path("syncId");

    String body = Api.admin().get("/api/v1/mms/held").then().statusCode(200).extract().asString();
    assertThat(body).doesNotContain(MmsResourceTest.KEY_1).doesNotContain(MmsResourceTest.KEY_2);
    JsonPath held = JsonPath.from(body);
    String change = "find { it.id == '" + syncId + "' }.changes[0]";
    assertThat(held.getString(change + ".terminalId")).isEqualTo(device.toLowerCase(Locale.ROOT));
    List<Map<String, Object>> fields = held.getList(change + ".fields");
    assertThat(fields)
        .containsExactlyInAnyOrder(
            field("ip", "192.0.2.140", "192.0.2.141"),
            field("https", "on", "off"),
            field("posKey", null, null));
  }

  private static Map<String, Object> field(String name, String before, String after) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("field", name);
    m.put("before", before);
    m.put("after", after);
    return m;
  }
}
