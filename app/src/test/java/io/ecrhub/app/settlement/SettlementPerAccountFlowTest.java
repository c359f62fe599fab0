package io.ecrhub.app.settlement;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daily statement per QFPay account (ADR 0028) over real sockets: two merchants, each with its
 * own simulator and cloud stand-in (its own ledger and app code). Store B has an account of its own
 * pointing at B's stand-in; store A is served by the default account. Each account's statement is
 * compared with its own stores' transactions only, and the lines make one report.
 */
@QuarkusTest
@TestProfile(SettlementPerAccountFlowTest.TwoMerchants.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementPerAccountFlowTest {
  private static final String APP_A = "HUBMERCHANTA1";
  private static final String KEY_A = "1A2B3C4D5E6F708192A3B4C5D6E7F809";
  private static final String APP_B = "HUBMERCHANTB1";
  private static final String KEY_B = "merchant-b-client-key-000111";
  private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
  private static TerminalSimulator simA;
  private static TerminalSimulator simB;
  private static QfpayCloudStandIn cloudA;
  private static QfpayCloudStandIn cloudB;

  /** Two merchants, each with its terminal and cloud, and a fresh database. */
  public static class TwoMerchants implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (SettlementPerAccountFlowTest.class) {
        if (simA == null) {
          simA = start("merchant-a-1");
          cloudA = simA.startCloud(CloudStandInConfig.loopback(APP_A, KEY_A, null));
          simB = start("merchant-b-1");
          cloudB = simB.startCloud(CloudStandInConfig.loopback(APP_B, KEY_B, null));
        }
      }
      Map<String, String> m = new HashMap<>(FreshDatabase.overrides("settlement_accounts"));
      m.put("ecrhub.qfpay.cloud.url", cloudA.baseUri().toString());
      m.put("ecrhub.qfpay.cloud.app-code", APP_A);
      m.put("ecrhub.qfpay.cloud.client-key", KEY_A);
      m.put("ecrhub.reports.settlement.cron", "off");
      return m;
    }

    private static TerminalSimulator start(String id) {
      return TerminalSimulator.start(
          SimulatorConfig.builder()
              .host("127.0.0.1")
              .terminal(TerminalConfig.builder(id).build())
              .build());
    }
  }

  private static String storeA;
  private static String storeB;
  private static String payA;
  private static String payB;

  private static String register(SimulatedTerminal t, String store) {
    return admin()
        .body(
            Map.of(
                "name", unique("Merchant "),
                "host", t.host(),
                "port", t.httpPort(),
                "transport", "HTTP",
                "posKey", t.posKey(),
                "storeId", store))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String paid(String terminal, String amount) {
    String id = startPayment(terminal, amount, "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }

  private static String syssn(String payment) {
    return admin()
        .get("/api/v1/payments/" + payment)
        .then()
        .statusCode(200)
        .extract()
        .path("qfpayTransactionId");
  }

  private static JsonPath report() {
    return admin()
        .queryParam("date", LocalDate.now(HK).toString())
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  private static List<QfpayCloudStandIn.Request> statementPages(QfpayCloudStandIn cloud) {
    return cloud.requests("/trade/v1/query").stream()
        .filter(q -> q.params().containsKey("start_time"))
        .toList();
  }

  @Test
  @Order(1)
  void eachAccountsStatement_isComparedWithItsOwnStoresTransactions() {
    storeA = unique("ma-");
    storeB = unique("mb-");
    admin()
        .body(
            Map.of(
                "storeId", storeB,
                "url", cloudB.baseUri().toString(),
                "appCode", APP_B,
                "clientKey", KEY_B))
        .post("/api/v1/cloud-accounts")
        .then()
        .statusCode(201);
    payA = paid(register(simA.terminal("merchant-a-1"), storeA), "5.00");
    payB = paid(register(simB.terminal("merchant-b-1"), storeB), "7.00");

    JsonPath r = report();

    assertThat(r.getBoolean("clean")).as(r.prettify()).isTrue();
    assertThat(r.getInt("counts.matched")).isEqualTo(2);
    assertThat(r.getList("lines.hubId", String.class)).containsExactlyInAnyOrder(payA, payB);
    assertThat(r.getList("lines.syssn", String.class))
        .containsExactlyInAnyOrder(syssn(payA), syssn(payB));
    assertThat(statementPages(cloudA)).isNotEmpty().allMatch(q -> APP_A.equals(q.appCode()));
    assertThat(statementPages(cloudB)).isNotEmpty().allMatch(q -> APP_B.equals(q.appCode()));
    assertThat(cloudA.violations()).isEmpty();
    assertThat(cloudB.violations()).isEmpty();
  }

  @Test
  @Order(2)
  void aDifferenceInOneAccountsStatement_isReportedForThatStoreOnly() {
    cloudB.misstateInStatement(syssn(payB), 701);

    JsonPath r = report();

    assertThat(r.getBoolean("clean")).isFalse();
    assertThat(r.getInt("counts.matched")).isEqualTo(1);
    List<Map<String, Object>> lines = r.getList("lines");
    assertThat(lines)
        .filteredOn(l -> payB.equals(l.get("hubId")))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("outcome")).isEqualTo("AMOUNT_DIFFERS");
              assertThat(l.get("cloudAmount")).isEqualTo("7.01");
            });
    assertThat(lines)
        .filteredOn(l -> payA.equals(l.get("hubId")))
        .singleElement()
        .satisfies(l -> assertThat(l.get("outcome")).isEqualTo("MATCHED"));
  }
}
