package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cloud stand-in's checks, fed raw bytes. The valid request is a vector computed outside the
 * code (Python {@code hashlib}) from protocol doc §8.1: MD5 of the sorted raw {@code k=v&...}
 * followed by the client key, upper-case.
 */
class QfpayCloudStandInTest {
  private static final String APP_CODE = "A6A49A66B4C04B0DB8B3C94EA9503200";
  private static final String KEY = "0E32A59A8B454940A2FF39ABCDEF1234";

  /** goods_name=test1 & ü, mchid, out_trade_no, pay_type, txamt, txcurrcd, txdtm. */
  private static final String BODY =
      "goods_name=test1+%26+%C3%BC&mchid=ZaMVg12345&out_trade_no=01234567890123"
          + "&pay_type=800108&txamt=10&txcurrcd=HKD&txdtm=2019-07-22+15%3A20%3A54";

  private static final String SIGN = "39E10AB99C9859342D3EAFCAD40BD0BD";

  private TerminalSimulator sim;
  private QfpayCloudStandIn cloud;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single());
    cloud = sim.startCloud(CloudStandInConfig.loopback(APP_CODE, KEY, "ZaMVg12345"));
  }

  @AfterEach
  void stop() {
    sim.close();
    http.close();
  }

  @Test
  void anExactlySignedRequestIsAnswered() throws Exception {
    assertThat(post(BODY, APP_CODE, SIGN)).contains("\"respcd\":\"0000\"").contains("\"data\":[]");
    assertThat(cloud.violations()).isEmpty();
    assertThat(cloud.requests().getFirst().params())
        .containsEntry("goods_name", "test1 & ü")
        .containsEntry("txdtm", "2019-07-22 15:20:54");
  }

  @Test
  void everyBrokenRuleIsJournaledAndAnsweredSignatureError() throws Exception {
    String[][] cases = {
      {BODY, APP_CODE, SIGN.toLowerCase(), "X-QF-SIGN"},
      {BODY, "OTHERAPPCODE", SIGN, "X-QF-APPCODE"},
      {BODY.replace("test1+%26", "test1 %26"), APP_CODE, SIGN, "characters"},
      {BODY.replace("%C3%BC", "%C3%ZZ"), APP_CODE, SIGN, "%-escape"},
      {BODY.replace("%C3%BC", "%FF"), APP_CODE, SIGN, "UTF-8"},
      {BODY + "&txamt=10", APP_CODE, SIGN, "repeated"},
      {BODY.replace("mchid=ZaMVg12345&", ""), APP_CODE, SIGN, "mchid"},
    };
    for (String[] c : cases) {
      int before = cloud.violations().size();
      assertThat(post(c[0], c[1], c[2])).as(c[3]).contains("\"respcd\":\"1108\"");
      assertThat(cloud.violations().subList(before, cloud.violations().size()))
          .as(c[3])
          .anyMatch(v -> v.contains(c[3]));
    }
  }

  @Test
  void anotherAccount_isCheckedAgainstItsOwnKey_andJournaledWithItsAppCode() throws Exception {
    // the same request body, signed (by the stand-in's own rule) with a second account's key
    String otherKey = "second-account-client-key-01";
    assertThat(post(BODY, APP_CODE, SIGN)).contains("\"respcd\":\"0000\"");
    String otherSign =
        CloudRequestCheck.sign(cloud.requests().getFirst().params(), otherKey, "MD5");
    assertThat(otherSign).isNotEqualTo(SIGN);
    cloud.addAccount("SECONDAPP01", otherKey, "ZaMVg12345");

    assertThat(post(BODY, "SECONDAPP01", otherSign)).contains("\"respcd\":\"0000\"");
    assertThat(cloud.violations()).isEmpty();
    assertThat(cloud.requests().getLast().appCode()).isEqualTo("SECONDAPP01");
    // the first account's signature under the second app code is refused, and vice versa
    assertThat(post(BODY, "SECONDAPP01", SIGN)).contains("\"respcd\":\"1108\"");
    assertThat(post(BODY, APP_CODE, otherSign)).contains("\"respcd\":\"1108\"");
    assertThat(cloud.violations()).hasSize(2).allMatch(v -> v.contains("X-QF-SIGN"));
  }

  @Test
  void answers429OnDemandThenAgainNormally() throws Exception {
    cloud.throttleNext(2);
    assertThat(status(BODY)).isEqualTo(429);
    assertThat(status(BODY)).isEqualTo(429);
    assertThat(status(BODY)).isEqualTo(200);
  }

  @Test
  void aRefusalOrDelayForTheNextRefund_leavesQueriesInBetweenAlone() throws Exception {
    cloud.refuseNextRefund("1269");
    cloud.delayNextRefund(Duration.ofSeconds(30));
    assertThat(post(BODY, APP_CODE, SIGN)).contains("\"respcd\":\"0000\"");
    assertThat(cloud.requests("/trade/v1/query").getFirst().respcd()).isEqualTo("0000");
  }

  @Test
  void theCommandLineStartsItWithCloudPort() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TerminalSimulator s =
        SimulatorMain.launch(
            new PrintStream(buf, true, StandardCharsets.UTF_8),
            "--https-port",
            "0",
            "--tcp-port",
            "-1",
            "--cloud-port",
            "0",
            "--cloud-client-key",
            KEY)) {
      assertThat(buf.toString(StandardCharsets.UTF_8))
          .containsPattern("QFPay cloud: http://127\\.0\\.0\\.1:\\d+  app code SIMULATORAPPCODE");
      assertThat(s.terminals()).hasSize(1);
    }
  }

  private String post(String body, String appCode, String sign) throws Exception {
    return send(body, appCode, sign).body();
  }

  private int status(String body) throws Exception {
    return send(body, APP_CODE, SIGN).statusCode();
  }

  private HttpResponse<String> send(String body, String appCode, String sign) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(cloud.baseUri() + "/trade/v1/query"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("X-QF-APPCODE", appCode)
            .header("X-QF-SIGN", sign)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
