package io.ecrhub.app.settlement;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.awaitRefundStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.registerTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.startRefund;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.simulator.CloudRefundWindow;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daily statement (issue #14 use 5, ADR 0023) over real sockets: simulated terminals whose
 * ledger the simulator's QFPay cloud stand-in shares, a second simulator the cloud does not know,
 * and a database of this test's own (so the day holds only this test's transactions). QFPay's
 * statement is read in pages of two, so every report here spans several cloud pages. First a clean
 * day, then planted differences on the same day.
 */
@QuarkusTest
@TestProfile(SettlementReportFlowTest.WithCloud.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementReportFlowTest {
  private static final String APP_CODE = "HUBSTATEMENT1";
  private static final String CLIENT_KEY = "6B3C1DAE9F8071625344B2C3D4E5F607";
  private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
  private static TerminalSimulator sim;
  private static TerminalSimulator elsewhere;
  private static QfpayCloudStandIn standIn;

  /** Terminals behind the stand-in, one the cloud does not know, and a fresh database. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (SettlementReportFlowTest.class) {
        if (sim == null) {
          sim =
              TerminalSimulator.start(
                  SimulatorConfig.builder()
                      .host("127.0.0.1")
                      .terminal(TerminalConfig.builder("stmt-1").build())
                      .terminal(TerminalConfig.builder("stmt-2").build())
                      .build());
          standIn =
              sim.startCloud(
                  CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, null)
                      .withRefundWindow(CloudRefundWindow.alwaysOpen()));
          elsewhere =
              TerminalSimulator.start(
                  SimulatorConfig.builder()
                      .host("127.0.0.1")
                      .terminal(TerminalConfig.builder("stmt-x").build())
                      .build());
        }
      }
      Map<String, String> m = new HashMap<>(FreshDatabase.overrides("settlement"));
      m.put("ecrhub.qfpay.cloud.url", standIn.baseUri().toString());
      m.put("ecrhub.qfpay.cloud.app-code", APP_CODE);
      m.put("ecrhub.qfpay.cloud.client-key", CLIENT_KEY);
      m.put("ecrhub.reports.settlement.page-size", "2");
      m.put("ecrhub.reports.settlement.cron", "off");
      return m;
    }
  }

  @Inject SettlementReports reports;
  @Inject MismatchEventsSeen events;

  private static String today() {
    return LocalDate.now(HK).toString();
  }

  private static String register(SimulatedTerminal t) {
    return registerTerminal(unique("Stmt "), t.host(), t.httpPort(), "HTTP", t.posKey());
  }

  private static String paid(String terminal, String amount) {
    String id = startPayment(terminal, amount, "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }

  private static JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath report() {
    return admin()
        .queryParam("date", today())
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  @Test
  @Order(1)
  void aCleanDay_matchesEveryPaymentAndRefundAcrossSeveralCloudPages() {
    String terminal = register(sim.terminal("stmt-1"));
    String first = paid(terminal, "10.50");
    paid(terminal, "3.20");
    paid(terminal, "0.99");
    String refund = startRefund(first, Map.of("amount", "2.50"));
    awaitRefundStatus(refund, "SUCCEEDED");
    int queriesBefore = standIn.requests("/trade/v1/query").size();

    JsonPath r = report();

    assertThat(r.getBoolean("clean")).isTrue();
    assertThat(r.getInt("counts.matched")).isEqualTo(4);
    assertThat(r.getList("lines.outcome", String.class)).containsOnly("MATCHED").hasSize(4);
    assertThat(r.getList("lines.kind", String.class))
        .containsExactly("PAYMENT", "PAYMENT", "PAYMENT", "REFUND");
    assertThat(r.getList("lines.hubAmount", String.class))
        .containsExactly("10.50", "3.20", "0.99", "2.50");
    assertThat(r.getList("lines.cloudAmount", String.class))
        .containsExactly("10.50", "3.20", "0.99", "2.50");
    assertThat(r.getString("lines[3].hubId")).isEqualTo(refund);
    assertThat(r.getString("lines[0].syssn"))
        .isEqualTo(payment(first).getString("qfpayTransactionId"));
    // four records in pages of two: pages 1 and 2 full, page 3 empty and last
    assertThat(r.getInt("cloudPages")).isEqualTo(3);
    List<QfpayCloudStandIn.Request> pages =
        standIn
            .requests("/trade/v1/query")
            .subList(queriesBefore, standIn.requests("/trade/v1/query").size())
            .stream()
            .filter(q -> q.params().containsKey("start_time"))
            .toList();
    assertThat(pages).extracting(q -> q.params().get("page")).containsExactly("1", "2", "3");
    assertThat(pages.getFirst().params()).containsEntry("page_size", "2");
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  @Order(2)
  void plantedDifferences_areFoundInJsonCsvAndTheStoredRun() throws Exception {
    // QFPay's statement gives this payment another amount
    String differs = paid(register(sim.terminal("stmt-1")), "8.80");
    String differsSyssn = payment(differs).getString("qfpayTransactionId");
    standIn.misstateInStatement(differsSyssn, 808);
    // a sale made on a terminal directly: only QFPay has it
    SimTransaction onlyCloud = sellOnTerminal(sim.terminal("stmt-2"), "ext-" + unique(""), "4.40");
    // a payment on a terminal QFPay's account does not know: only the hub has it
    String onlyHub = paid(register(elsewhere.terminal("stmt-x")), "6.60");

    JsonPath r = report();

    assertThat(r.getBoolean("clean")).isFalse();
    assertThat(r.getInt("counts.amountDiffers")).isEqualTo(1);
    assertThat(r.getInt("counts.onlyAtQfpay")).isEqualTo(1);
    assertThat(r.getInt("counts.onlyInHub")).isEqualTo(1);
    List<Map<String, Object>> lines = r.getList("lines");
    Map<String, Object> a = line(lines, "AMOUNT_DIFFERS");
    assertThat(a).containsEntry("hubId", differs).containsEntry("syssn", differsSyssn);
    assertThat(a).containsEntry("hubAmount", "8.80").containsEntry("cloudAmount", "8.08");
    Map<String, Object> q = line(lines, "ONLY_AT_QFPAY");
    assertThat(q).containsEntry("syssn", onlyCloud.syssn()).containsEntry("cloudAmount", "4.40");
    assertThat(q.get("hubId")).isNull();
    Map<String, Object> h = line(lines, "ONLY_IN_HUB");
    assertThat(h).containsEntry("hubId", onlyHub).containsEntry("hubAmount", "6.60");
    assertThat(h.get("cloudAmount")).isNull();
    assertThat(lines.stream().filter(l -> "MATCHED".equals(l.get("outcome")))).isNotEmpty();

    // CSV: by Accept and by format=csv
    String csv =
        admin()
            .accept("text/csv")
            .queryParam("date", today())
            .get("/api/v1/reports/settlement")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();
    List<String> rows = csv.lines().toList();
    assertThat(rows.getFirst()).startsWith("outcome,kind,hub_id,terminal_id,out_trade_no,syssn");
    assertThat(rows).hasSize(r.getList("lines").size() + 1);
    assertThat(rows)
        .anySatisfy(
            row ->
                assertThat(row)
                    .startsWith("AMOUNT_DIFFERS,PAYMENT," + differs + ",")
                    .contains(differsSyssn + ",SUCCEEDED,8.80,HKD,0000,8.08,HKD,"));
    assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("ONLY_AT_QFPAY,PAYMENT,,,"));
    String byFormat =
        admin()
            .queryParam("date", today())
            .queryParam("format", "csv")
            .get("/api/v1/reports/settlement")
            .then()
            .statusCode(200)
            .contentType("text/csv")
            .extract()
            .asString();
    assertThat(byFormat.lines().count()).isEqualTo(rows.size());

    // the nightly run of the same day: stored with its differences, and announced
    SettlementRun run = reports.run(LocalDate.now(HK));
    assertThat(run.status()).isEqualTo(SettlementRun.Status.MISMATCH);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> events.seen().stream().anyMatch(e -> e.aggregateId().equals(run.id())));
    JsonPath stored =
        admin()
            .get("/api/v1/reports/settlement/runs/" + run.id())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stored.getString("status")).isEqualTo("MISMATCH");
    assertThat(stored.getList("differences.outcome", String.class))
        .containsExactlyInAnyOrder("AMOUNT_DIFFERS", "ONLY_AT_QFPAY", "ONLY_IN_HUB");
    assertThat(stored.getList("differences.cloudAmount", String.class)).contains("8.08", "4.40");
    JsonPath listed =
        admin()
            .queryParam("limit", "1")
            .get("/api/v1/reports/settlement/runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(listed.getString("items[0].id")).isEqualTo(run.id());
    assertThat(listed.getInt("items[0].counts.amountDiffers")).isEqualTo(1);
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  @Order(3)
  void badInput_isA400AndTheReportNeedsAnUnscopedAdmin() {
    for (String bad : new String[] {"2026-13-01", "yesterday", "2026-02-30"}) {
      admin()
          .queryParam("date", bad)
          .get("/api/v1/reports/settlement")
          .then()
          .statusCode(400)
          .body("code", org.hamcrest.Matchers.equalTo("INVALID_DATE"));
    }
    admin().get("/api/v1/reports/settlement").then().statusCode(400);
    admin()
        .queryParam("date", LocalDate.now(HK).plusDays(2).toString())
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("INVALID_DATE"));
    admin()
        .queryParam("date", today())
        .queryParam("format", "xml")
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("INVALID_FORMAT"));
    String cashier = createKey("cashier", null);
    as(cashier)
        .queryParam("date", today())
        .get("/api/v1/reports/settlement")
        .then()
        .statusCode(403);
    admin()
        .get("/api/v1/reports/settlement/runs/set_nosuchrun")
        .then()
        .statusCode(404)
        .body("code", org.hamcrest.Matchers.equalTo("SETTLEMENT_RUN_NOT_FOUND"));
    assertThat(ADMIN_KEY).isNotBlank();
  }

  private static Map<String, Object> line(List<Map<String, Object>> lines, String outcome) {
    return lines.stream().filter(l -> outcome.equals(l.get("outcome"))).findFirst().orElseThrow();
  }

  /** A WeChat sale taken directly on {@code t}, not through the hub. */
  private static SimTransaction sellOnTerminal(
      SimulatedTerminal t, String outTradeNo, String amount) throws Exception {
    String body =
        EcrCodec.encodeRequest(
            Map.of(
                "func_type",
                1001,
                "amt",
                new BigDecimal(amount),
                "channel",
                "wx",
                "out_trade_no",
                outTradeNo),
            t.posKey(),
            t.encryption());
    t.handleRequest("lan", body).get(10, TimeUnit.SECONDS).orElseThrow();
    return t.transactions().stream()
        .filter(x -> outTradeNo.equals(x.outTradeNo()))
        .findFirst()
        .orElseThrow();
  }
}
