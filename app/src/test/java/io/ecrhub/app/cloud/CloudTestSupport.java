package io.ecrhub.app.cloud;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Simulated terminals of a cloud test's own, the hub's settings for the cloud stand-in over their
 * ledgers, and sales taken on them outside the hub.
 */
public final class CloudTestSupport {
  private CloudTestSupport() {}

  /** A simulator on 127.0.0.1 with terminals of these ids. */
  public static TerminalSimulator simulator(String... terminalIds) {
    SimulatorConfig.Builder b = SimulatorConfig.builder().host("127.0.0.1");
    for (String id : terminalIds) {
      b.terminal(TerminalConfig.builder(id).build());
    }
    return TerminalSimulator.start(b.build());
  }

  /**
   * The hub's settings for QFPay's cloud at {@code standIn} with this account, and then {@code
   * more} settings as name, value pairs.
   */
  public static Map<String, String> cloudSettings(
      QfpayCloudStandIn standIn, String appCode, String clientKey, String... more) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ecrhub.qfpay.cloud.url", standIn.baseUri().toString());
    settings.put("ecrhub.qfpay.cloud.app-code", appCode);
    settings.put("ecrhub.qfpay.cloud.client-key", clientKey);
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  /**
   * A WeChat sale of {@code amount} under {@code outTradeNo} taken directly on {@code t} (not
   * through the hub): it lands in the terminal's ledger, which the cloud stand-in shares.
   */
  static void sell(SimulatedTerminal t, String outTradeNo, String amount) throws Exception {
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
  }
}
