package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.EcrCodec;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two simulators (two merchants in one test) paid in the same second issue different syssns, as
 * QFPay does: the hub refuses an answer whose syssn is already on another payment.
 */
class SyssnAcrossSimulatorsTest {
  private static final Clock SAME_SECOND =
      Clock.fixed(Instant.parse("2026-03-02T04:00:00Z"), ZoneOffset.UTC);

  @Test
  void twoSimulatorsInTheSameSecond_neverIssueTheSameSyssn() throws Exception {
    try (TerminalSimulator a = start("merchant-a");
        TerminalSimulator b = start("merchant-b")) {
      String syssnA = pay(a.terminal(0), "pay-a");
      String syssnB = pay(b.terminal(0), "pay-b");

      assertThat(syssnA).hasSize(26).startsWith("20260302120000");
      assertThat(syssnB).hasSize(26).startsWith("20260302120000").isNotEqualTo(syssnA);
    }
  }

  private static TerminalSimulator start(String id) {
    return TerminalSimulator.start(
        SimulatorConfig.builder()
            .clock(SAME_SECOND)
            .terminal(TerminalConfig.builder(id).build())
            .build());
  }

  private static String pay(SimulatedTerminal t, String outTradeNo) throws Exception {
    Map<String, Object> trade =
        Map.of(
            "func_type",
            1001,
            "amt",
            new BigDecimal("10.50"),
            "channel",
            "wx",
            "out_trade_no",
            outTradeNo);
    String body = EcrCodec.encodeRequest(trade, t.posKey(), t.encryption());
    t.handleRequest("lan", body).get(10, TimeUnit.SECONDS).orElseThrow();
    return t.transactions().stream()
        .filter(x -> outTradeNo.equals(x.outTradeNo()))
        .findFirst()
        .orElseThrow()
        .syssn();
  }
}
