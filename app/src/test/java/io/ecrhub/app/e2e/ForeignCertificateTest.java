package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.SimulatorPki;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A terminal that presents a certificate from a CA the hub does not trust (a stand-in on the LAN)
 * gets nothing: the payment ends FAILED with the precise cause, recorded as such (not UNKNOWN "hub
 * restarted while in flight"), over real sockets.
 */
@QuarkusTest
class ForeignCertificateTest {
  private static TerminalSimulator foreign;

  @BeforeAll
  static void startForeignTerminal() {
    foreign =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .serverCertificate(SimulatorPki.foreignLeaf("127.0.0.1"))
                .terminal(TerminalConfig.builder("foreign-1").build())
                .build());
  }

  @AfterAll
  static void stopForeignTerminal() {
    foreign.close();
  }

  @Test
  void paymentToATerminalWithAForeignCertificate_endsFailedWithTheCause_andNothingIsSent() {
    SimulatedTerminal sim = foreign.terminal(0);
    String terminal = registerSimulated(sim, null);

    String payment = startPayment(terminal, "12.30", "wx");
    awaitPaymentStatus(payment, "FAILED");

    admin()
        .get("/api/v1/payments/" + payment)
        .then()
        .body("status", equalTo("FAILED"))
        .body("failureCode", equalTo("CERTIFICATE_PROBLEM"))
        .body("terminalResponseCode", equalTo("CERTIFICATE_UNTRUSTED"))
        .body("failureMessage", not(containsString("restarted")))
        .body("failureMessage", not(emptyOrNullString()));
    assertThat(sim.transactions()).as("nothing reached the terminal").isEmpty();
  }
}
