package io.ecrhub.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IP history also learns of address changes made by an operator (PATCH) or by an MMS import, so
 * the IP-stability check warns right after a move and suggests a DHCP reservation. The addresses
 * are loopback ones nothing listens on: the other checks fail fast.
 */
@QuarkusTest
class AddressChangeTest {
  private static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

  private static String[] check(String terminalId) {
    JsonPath run =
        Api.admin()
            .get("/api/v1/terminals/" + terminalId + "/diagnostics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String find = "checks.find { it.id == 'ip_stability' }.";
    return new String[] {
      run.getString(find + "status"), run.getString(find + "evidence"), run.getString(find + "fix")
    };
  }

  @Test
  void patchingTheHost_makesTheStabilityCheckWarn_withADhcpReservationFix() {
    String id = Api.createTerminal(null);
    assertThat(check(id)[0]).isEqualTo("SKIPPED");

    Api.admin()
        .body(Map.of("host", "127.0.0.2", "port", 1))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);

    String[] c = check(id);
    assertThat(c[0]).isEqualTo("WARN");
    assertThat(c[1]).contains("from 127.0.0.1 to 127.0.0.2");
    assertThat(c[2]).contains("DHCP").contains("MAC");
  }

  @Test
  void patchingOnlyTheName_recordsNoMove() {
    String id = Api.createTerminal(null);
    Api.admin()
        .body(Map.of("name", Api.unique("Renamed ")))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);
    assertThat(check(id)[0]).isEqualTo("SKIPPED");
  }

  @Test
  void anMmsImportThatChangesTheIp_makesTheStabilityCheckWarn() {
    String device = Api.unique("IPMOVE");
    String header = "Serial No.,Device Name,POS-KEY,Enable Https,Encryption,IP Address\n";
    Api.admin()
        .contentType("text/csv")
        .body(header + device + ",Till," + KEY + ",no,on,127.0.0.3\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200);
    String id = device.toLowerCase(Locale.ROOT);

    Api.admin()
        .contentType("text/csv")
        .body(header + device + ",Till," + KEY + ",no,on,127.0.0.4\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200);
    Api.admin().get("/api/v1/terminals/" + id).then().statusCode(200);

    String[] c = check(id);
    assertThat(c[0]).isEqualTo("WARN");
    assertThat(c[1]).contains("from 127.0.0.3 to 127.0.0.4");
    assertThat(c[2]).contains("DHCP");
  }
}
