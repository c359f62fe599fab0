package io.ecrhub.app.cloud;

import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.awaitRefundStatus;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.startRefund;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QFPay cloud accounts per store (ADR 0028) over real sockets: the simulator's cloud stand-in knows
 * three merchant accounts (the default one from configuration, B's and C's), each with its own app
 * code and client key, and checks every request's signature against the account its app code names.
 * A store with an account of its own is served by it (cloud refunds, the confirmation of plain
 * answers, CLOUD terminals); any other store by the default account; a change or removal of the
 * store's account is used from the next call on.
 */
@QuarkusTest
@TestProfile(StoreCloudAccountFlowTest.WithAccounts.class)
class StoreCloudAccountFlowTest {
  private static final String APP_DEFAULT = "HUBDEFAULT01";
  private static final String KEY_DEFAULT = "5D1C0B9A8F7E6D5C4B3A29181716151A";
  private static final String APP_B = "STOREBAPP01";
  private static final String KEY_B = "b-store-client-key-0123456789";
  private static final String APP_C = "STORECAPP01";
  private static final String KEY_C = "c-store-client-key-9876543210";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** Own terminals and the stand-in over their ledgers, with three accounts. */
  public static class WithAccounts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (StoreCloudAccountFlowTest.class) {
        if (sim == null) {
          sim = CloudTestSupport.simulator("acct-a", "acct-b", "acct-cloud-b");
          standIn = sim.startCloud(CloudStandInConfig.loopback(APP_DEFAULT, KEY_DEFAULT, null));
          standIn.addAccount(APP_B, KEY_B, "MCH-B");
          standIn.addAccount(APP_C, KEY_C, null);
        }
      }
      return CloudTestSupport.cloudSettings(
          standIn,
          APP_DEFAULT,
          KEY_DEFAULT,
          "ecrhub.qfpay.cloud.ecr-poll-every",
          "200ms",
          "ecrhub.reconciliation.every",
          "1s");
    }
  }

  private static String account(String store, String appCode, String key, String mchid) {
    Map<String, Object> body = new HashMap<>();
    body.put("storeId", store);
    body.put("url", standIn.baseUri().toString());
    body.put("appCode", appCode);
    body.put("clientKey", key);
    if (mchid != null) {
      body.put("mchid", mchid);
    }
    return admin()
        .body(body)
        .post("/api/v1/cloud-accounts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String lanTerminal(SimulatedTerminal t, String store) {
    return admin()
        .body(
            Map.of(
                "name",
                unique("Acct "),
                "host",
                t.host(),
                "port",
                t.tcpPort(),
                "transport",
                "TCP",
                "posKey",
                t.posKey(),
                "storeId",
                store))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** A cloud refund of 1.00 of {@code paymentId}, SUCCEEDED; its out_trade_no. */
  private static String cloudRefund(String paymentId) {
    String id = startRefund(paymentId, Map.of("amount", "1.00", "route", "cloud"));
    awaitRefundStatus(id, "SUCCEEDED");
    return admin().get("/api/v1/refunds/" + id).then().extract().path("outTradeNo");
  }

  /** The one request to {@code path} that carried {@code outTradeNo}. */
  private static QfpayCloudStandIn.Request only(String path, String outTradeNo) {
    List<QfpayCloudStandIn.Request> sent =
        standIn.requests(path).stream()
            .filter(r -> outTradeNo.equals(r.params().get("out_trade_no")))
            .toList();
    assertThat(sent).as(path + " " + outTradeNo).hasSize(1);
    return sent.getFirst();
  }

  @Test
  void eachStoresTransactions_goThroughItsOwnAccount_elseTheDefault_andFollowChanges() {
    String storeA = unique("A-");
    String storeB = unique("B-");
    String accountB = account(storeB, APP_B, KEY_B, "MCH-B");
    String terminalA = lanTerminal(sim.terminal("acct-a"), storeA);
    String terminalB = lanTerminal(sim.terminal("acct-b"), storeB);

    String payA = startPayment(terminalA, "20.00", "wx");
    String payB = startPayment(terminalB, "30.00", "wx");
    awaitPaymentStatus(payA, "SUCCEEDED");
    awaitPaymentStatus(payB, "SUCCEEDED");

    // plain TCP answers are confirmed by a cloud query through the store's account (ADR 0015)
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                "cloud".equals(payment(payA).getString("confirmedBy"))
                    && "cloud".equals(payment(payB).getString("confirmedBy")));
    QfpayCloudStandIn.Request queryA =
        only("/trade/v1/query", payment(payA).getString("outTradeNo"));
    QfpayCloudStandIn.Request queryB =
        only("/trade/v1/query", payment(payB).getString("outTradeNo"));
    assertThat(queryA.appCode()).isEqualTo(APP_DEFAULT);
    assertThat(queryA.params()).doesNotContainKey("mchid");
    assertThat(queryB.appCode()).isEqualTo(APP_B);
    assertThat(queryB.params()).containsEntry("mchid", "MCH-B");

    // cloud refunds: signed with the account of the payment's store
    QfpayCloudStandIn.Request refundA = only("/trade/v1/refund", cloudRefund(payA));
    QfpayCloudStandIn.Request refundB = only("/trade/v1/refund", cloudRefund(payB));
    assertThat(refundA.appCode()).isEqualTo(APP_DEFAULT);
    assertThat(refundB.appCode()).isEqualTo(APP_B);
    assertThat(refundB.params()).containsEntry("mchid", "MCH-B");
    assertThat(refundB.status()).isEqualTo(200);
    assertThat(refundB.respcd()).isEqualTo("0000");

    // B's account changes (another app code and key, no mchid): the next call uses it
    admin()
        .body(Map.of("appCode", APP_C, "clientKey", KEY_C, "mchid", ""))
        .patch("/api/v1/cloud-accounts/" + accountB)
        .then()
        .statusCode(200);
    QfpayCloudStandIn.Request changed = only("/trade/v1/refund", cloudRefund(payB));
    assertThat(changed.appCode()).isEqualTo(APP_C);
    assertThat(changed.params()).doesNotContainKey("mchid");

    // B's account removed: the default account serves store B again
    admin().delete("/api/v1/cloud-accounts/" + accountB).then().statusCode(204);
    QfpayCloudStandIn.Request removed = only("/trade/v1/refund", cloudRefund(payB));
    assertThat(removed.appCode()).isEqualTo(APP_DEFAULT);

    assertThat(payment(payB).getString("refundedAmount")).isEqualTo("3.00");
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  void aCloudTerminalOfAStoreWithItsOwnAccount_isPushedQueriedAndRefundedThroughIt() {
    String store = unique("BC-");
    account(store, APP_B, KEY_B, "MCH-B");
    String terminal =
        admin()
            .body(
                Map.of(
                    "name",
                    unique("Cloud "),
                    "transport",
                    "CLOUD",
                    "deviceId",
                    "acct-cloud-b",
                    "posKey",
                    POS_KEY,
                    "storeId",
                    store))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String id = startPayment(terminal, "12.30", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");

    String outTradeNo = payment(id).getString("outTradeNo");
    List<QfpayCloudStandIn.Request> pushes =
        standIn.requests("/ecr/v1/payment/async").stream()
            .filter(r -> outTradeNo.equals(r.params().get("out_trade_no")))
            .toList();
    assertThat(pushes).hasSize(1);
    assertThat(pushes.getFirst().appCode()).isEqualTo(APP_B);
    assertThat(pushes.getFirst().params())
        .containsEntry("termid", "acct-cloud-b")
        .containsEntry("mchid", "MCH-B");
    assertThat(standIn.requests("/ecr/v1/query"))
        .filteredOn(r -> "acct-cloud-b".equals(r.params().get("termid")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.appCode()).isEqualTo(APP_B));

    // its refund on the terminal's route: pushed to the device through the same store's account
    awaitRefundStatus(startRefund(id, Map.of("amount", "2.30", "route", "terminal")), "SUCCEEDED");
    List<QfpayCloudStandIn.Request> refundPushes =
        standIn.requests("/ecr/v1/refund/async").stream()
            .filter(r -> "acct-cloud-b".equals(r.params().get("termid")))
            .toList();
    assertThat(refundPushes).hasSize(1);
    assertThat(refundPushes.getFirst().appCode()).isEqualTo(APP_B);
    assertThat(refundPushes.getFirst().params()).containsEntry("mchid", "MCH-B");
    assertThat(standIn.requests("/trade/v1/refund"))
        .as("the terminal's route, not a cloud refund")
        .noneMatch(r -> r.params().containsValue(payment(id).getString("syssn")));
    assertThat(payment(id).getString("refundedAmount")).isEqualTo("2.30");
    assertThat(standIn.violations()).isEmpty();
  }
}
