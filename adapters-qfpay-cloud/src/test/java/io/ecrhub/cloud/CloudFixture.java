package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * A simulated terminal and the QFPay cloud stand-in over its ledger, reached over real sockets by
 * the adapter. Time is noon in Hong Kong (the refund window is open) unless a test says otherwise.
 */
abstract class CloudFixture {
  static final String APP_CODE = "A6A49A66B4C04B0DB8B3C94EA9503200";
  static final String CLIENT_KEY = "0E32A59A8B454940A2FF39ABCDEF1234";
  static final String MCHID = "ZaMVg12345";
  static final Instant NOON_HK = Instant.parse("2026-03-02T04:00:00Z");

  /** Short waits so storms and timeouts pass quickly; never asserted as timings. */
  static final CloudAccount.Limits FAST =
      new CloudAccount.Limits(
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          3,
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofSeconds(20),
          100,
          400);

  TerminalSimulator sim;
  SimulatedTerminal terminal;
  QfpayCloudStandIn standIn;
  QfpayCloud cloud;
  Clock clock = Clock.fixed(NOON_HK, ZoneOffset.UTC);
  CloudCallObserver observer = CloudCallObserver.NONE;

  void start(CloudStandInConfig standInConfig, CloudAccount.Limits limits) {
    sim =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .clock(clock)
                .terminal(TerminalConfig.builder("sim-1").build())
                .build());
    terminal = sim.terminal(0);
    standIn = sim.startCloud(standInConfig);
    cloud = QfpayCloud.open(account(SignType.MD5, MCHID, limits), clock, observer);
  }

  void start() {
    start(FAST);
  }

  /** Plain HTTP on loopback, the fixture's account, these limits. */
  void start(CloudAccount.Limits limits) {
    start(CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, MCHID), limits);
  }

  CloudAccount account(SignType signType, String mchid, CloudAccount.Limits limits) {
    return new CloudAccount(
        standIn.baseUri(),
        APP_CODE,
        ClientKey.of(CLIENT_KEY),
        mchid,
        signType,
        java.util.List.of(),
        limits);
  }

  @AfterEach
  void stop() {
    if (cloud != null) {
      cloud.close();
      cloud = null;
    }
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  /** Every request the stand-in saw was encoded and signed exactly. */
  void assertAllSignedExactly() {
    assertThat(standIn.requests()).isNotEmpty();
    assertThat(standIn.violations()).isEmpty();
  }

  /** A payment made on the terminal over the ECR protocol (LAN), as the hub makes it. */
  SimTransaction payOnTerminal(String amount, String channel, String outTradeNo) throws Exception {
    Map<String, Object> trade =
        Map.of(
            "func_type",
            1001,
            "amt",
            new BigDecimal(amount),
            "channel",
            channel,
            "out_trade_no",
            outTradeNo);
    String body = EcrCodec.encodeRequest(trade, terminal.posKey(), terminal.encryption());
    terminal.handleRequest("lan", body).get(10, TimeUnit.SECONDS).orElseThrow();
    return terminal.transactions().stream()
        .filter(t -> outTradeNo.equals(t.outTradeNo()))
        .findFirst()
        .orElseThrow();
  }
}
