package io.ecrhub.app.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default account from configuration reaches QFPay's cloud (the simulator's stand-in). */
@QuarkusTest
@TestProfile(QfpayDefaultAccountTest.DefaultAccount.class)
class QfpayDefaultAccountTest {
  private static final String CLIENT_KEY = "0E32A59A8B454940A2FF39ABCDEF1234";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** A terminal of its own and the stand-in over its ledger, for the whole test JVM. */
  public static class DefaultAccount implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (QfpayDefaultAccountTest.class) {
        if (sim == null) {
          sim = CloudTestSupport.simulator("cloud-1");
          standIn =
              sim.startCloud(CloudStandInConfig.loopback("HUBAPPCODE01", CLIENT_KEY, "MCH0001"));
        }
      }
      return Map.of(
          "ecrhub.qfpay.cloud.url", standIn.baseUri().toString(),
          "ecrhub.qfpay.cloud.app-code", "HUBAPPCODE01",
          "ecrhub.qfpay.cloud.client-key", CLIENT_KEY,
          "ecrhub.qfpay.cloud.mchid", "MCH0001",
          "ecrhub.qfpay.cloud.sign-type", "SHA256");
    }
  }

  @Inject QfpayCloudAccounts accounts;

  @Test
  void aPaymentOnTheTerminalIsSettledThroughTheConfiguredAccount() throws Exception {
    SimulatedTerminal t = sim.terminal("cloud-1");
    String outTradeNo = "hub-cloud-" + System.nanoTime();
    CloudTestSupport.sell(t, outTradeNo, "7.25");

    CloudOutcome o =
        accounts
            .ledger()
            .orElseThrow()
            .query(CloudQuery.byOutTradeNo(outTradeNo, Money.of("7.25", "HKD")));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    assertThat(accounts.ecr()).isPresent();
    assertThat(standIn.violations()).isEmpty();
    assertThat(standIn.requests().getLast().params()).containsEntry("mchid", "MCH0001");
  }
}
