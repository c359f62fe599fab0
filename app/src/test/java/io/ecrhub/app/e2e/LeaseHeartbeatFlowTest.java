package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A card wait longer than the lease time to live (15 s, ADR 0019): the instance driving the payment
 * renews its short lease on the heartbeat, so the terminal stays busy for others and the scheduled
 * reconciliation leaves the payment alone until the terminal answers.
 */
@QuarkusTest
class LeaseHeartbeatFlowTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(0);

  @Inject TerminalLeases leases;

  @AfterEach
  void resetSimulator() {
    sim.setCardWait(Duration.ZERO);
  }

  @Test
  void cardWaitLongerThanTheLeaseTtl_leaseIsRenewed_paymentNeverTakenOver() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "3.30", "card_payment");
    TerminalId tid = TerminalId.of(terminal);

    TerminalLeases.Lease first = leases.current(tid, Instant.now()).orElseThrow();
    assertThat(first.holder()).endsWith(":" + id);
    assertThat(first.expiresAt()).isBefore(Instant.now().plusSeconds(16));

    // past the first expiry: still held (renewed), still IN_PROGRESS, the terminal still busy
    await().pollDelay(Duration.ofSeconds(18)).atMost(Duration.ofSeconds(25)).until(() -> true);
    TerminalLeases.Lease later = leases.current(tid, Instant.now()).orElseThrow();
    assertThat(later.holder()).isEqualTo(first.holder());
    assertThat(later.expiresAt()).isAfter(first.expiresAt());
    admin().get("/api/v1/payments/" + id).then().body("status", equalTo("IN_PROGRESS"));

    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
    assertThat(sim.presentCard()).isTrue();
    awaitPaymentStatus(id, "SUCCEEDED");
    assertThat(leases.current(tid, Instant.now())).isEmpty();
    String outTradeNo = admin().get("/api/v1/payments/" + id).then().extract().path("outTradeNo");
    List<SimTransaction> trades = sim.transactions();
    assertThat(trades.stream().filter(t -> outTradeNo.equals(t.outTradeNo())).count())
        .as("the terminal saw the trade once")
        .isEqualTo(1);
  }
}
