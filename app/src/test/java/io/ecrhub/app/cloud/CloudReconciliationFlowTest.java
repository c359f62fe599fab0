package io.ecrhub.app.cloud;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SseClient;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.simulator.CloudRefundWindow;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QFPay's cloud as reconciliation's third source and as the confirmation of plain-transport answers
 * (issue #14 uses 1-2, ADR 0015), over real sockets: simulated terminals of their own and the
 * simulator's cloud stand-in, which shares their ledgers. Each test switches its own terminal off
 * ({@link SimulatedTerminal#close()}: connections refused, the terminal query is NotSent).
 */
@QuarkusTest
@TestProfile(CloudReconciliationFlowTest.WithCloud.class)
class CloudReconciliationFlowTest {
  private static final String APP_CODE = "HUBRECONCILE1";
  private static final String CLIENT_KEY = "5A2B0C9D8E7F60514233A1B2C3D4E5F6";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** Own terminals and the stand-in over their ledgers, for the whole test JVM. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (CloudReconciliationFlowTest.class) {
        if (sim == null) {
          sim = CloudTestSupport.simulator("gone-1", "gone-2", "plain-1");
          standIn =
              sim.startCloud(
                  CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, null)
                      .withRefundWindow(CloudRefundWindow.alwaysOpen()));
        }
      }
      return CloudTestSupport.cloudSettings(
          standIn, APP_CODE, CLIENT_KEY, "ecrhub.reconciliation.every", "1s");
    }
  }

  @TestHTTPResource("/")
  URI base;

  private static JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath reconciliation(String id) {
    return admin()
        .get("/api/v1/payments/" + id + "/reconciliation")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String register(SimulatedTerminal t, String transport) {
    int port = "TCP".equals(transport) ? t.tcpPort() : t.httpPort();
    return registerTerminal(unique("Cloud "), t.host(), port, transport, t.posKey());
  }

  /**
   * A payment on {@code t} that goes UNKNOWN (a stand-in on the LAN takes the request and closes
   * the connection, and drops the terminal queries too), then {@code t} goes away (connections
   * refused) and the terminal, reached directly, records a sale of {@code recordedAmount} under the
   * payment's out_trade_no: what QFPay's cloud will report.
   */
  private static String unknownThenTerminalGone(SimulatedTerminal t, String recordedAmount)
      throws Exception {
    String terminal = register(t, "HTTP");
    t.setFault(new Fault.Forge(Map.of(EcrFunction.TRADE, c -> null, EcrFunction.QUERY, c -> null)));
    String id = startPayment(terminal, "10.50", "wx");
    awaitPaymentStatus(id, "UNKNOWN");
    t.close();
    t.setFault(Fault.none());
    CloudTestSupport.sell(t, payment(id).getString("outTradeNo"), recordedAmount);
    return id;
  }

  @Test
  void unknownPaymentWhoseTerminalWentAway_settlesThroughTheCloud() throws Exception {
    SimulatedTerminal t = sim.terminal("gone-1");
    String id = unknownThenTerminalGone(t, "10.50");

    awaitPaymentStatus(id, "SUCCEEDED");

    JsonPath p = payment(id);
    assertThat(p.getString("confirmedBy")).isEqualTo("cloud");
    assertThat(p.getBoolean("confirmationPending")).isFalse();
    assertThat(p.getString("qfpayTransactionId")).isEqualTo(t.transactions().getFirst().syssn());
    List<Map<String, String>> sources = reconciliation(id).getList("sources");
    assertThat(sources).extracting(s -> s.get("source")).containsExactly("terminal", "cloud");
    assertThat(sources.get(0).get("answer")).startsWith("not reached");
    assertThat(sources.get(1).get("answer")).startsWith("settled (0000)");
    assertThat(standIn.requests("/trade/v1/query")).isNotEmpty();
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  void plantedAmountMismatch_flagsReviewAndDoesNotSettle() throws Exception {
    SimulatedTerminal t = sim.terminal("gone-2");
    // QFPay's record of this out_trade_no says 1.05, not the hub's 10.50
    String id = unknownThenTerminalGone(t, "1.05");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> payment(id).getString("reviewNote") != null);

    JsonPath p = payment(id);
    assertThat(p.getString("status")).isEqualTo("UNKNOWN");
    assertThat(p.getString("reviewNote")).contains("1.05", "10.50");
    assertThat(p.getString("confirmedBy")).isNull();
    List<Map<String, String>> sources = reconciliation(id).getList("sources");
    assertThat(sources.get(1).get("answer")).startsWith("amount differs");
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.until("payment.review_required")).isNotEmpty();
    }
  }

  @Test
  void plainTcpPayment_isConfirmedByTheCloud() {
    SimulatedTerminal t = sim.terminal("plain-1");
    String terminal = register(t, "TCP");
    String id = startPayment(terminal, "10.50", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> "cloud".equals(payment(id).getString("confirmedBy")));

    JsonPath p = payment(id);
    assertThat(p.getBoolean("confirmationPending")).isFalse();
    assertThat(p.getString("reviewNote")).isNull();
    assertThat(p.getString("qfpayTransactionId")).isEqualTo(t.transactions().getFirst().syssn());
    assertThat(reconciliation(id).getList("sources.source")).containsExactly("cloud");
  }
}
