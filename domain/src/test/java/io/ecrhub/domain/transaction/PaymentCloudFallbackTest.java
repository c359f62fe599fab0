package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.approvedReport;
import static io.ecrhub.domain.transaction.Harness.hkd;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.ScriptedTerminalChannel;
import io.ecrhub.domain.testing.TerminalFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cloud fallback of a payment (ADR 0022) as the payment use case does it: the payment records
 * that the cloud carried it, the terminal's LAN is recorded as not reached (not ONLINE because the
 * cloud leg succeeded), and the cloud's answer is bound as the cloud's.
 */
class PaymentCloudFallbackTest {
  private static final TerminalId ID = TerminalId.of("fb-1");

  private static Harness harness() {
    Harness h = new Harness();
    h.terminals.save(
        TerminalFixture.builder(ID)
            .transport(Transport.HTTP)
            .port(Transport.HTTP.defaultPort())
            .deviceId("DEV-FB")
            .cloudFallback(true)
            .status(TerminalStatus.ONLINE)
            .build());
    return h;
  }

  private static Payment start(Harness h) {
    return h.service.start(new StartPayment.Command(ID, hkd("10.50"), Channel.WX, null, null));
  }

  @Test
  void lanNotSent_isPushedOnceThroughTheCloud_recordedAsCarriedByIt_lanShownUnreachable() {
    Harness h = harness();
    Payment p = start(h);
    assertThat(h.payment(p.id()).sentVia()).contains(Transport.HTTP);

    h.channel
        .sent(TerminalCommand.Pay.class)
        .getFirst()
        .complete(
            new TerminalOutcome.NotSent(
                TerminalOutcome.NotSentCause.CONNECT_FAILED, "connection refused"));

    List<ScriptedTerminalChannel.Sent> pays = h.channel.sent(TerminalCommand.Pay.class);
    assertThat(pays).hasSize(2);
    assertThat(pays.get(1).endpoint().transport()).isEqualTo(Transport.CLOUD);
    assertThat(pays.get(1).endpoint().deviceId()).isEqualTo("DEV-FB");
    assertThat(pays.get(1).command()).isEqualTo(pays.get(0).command());
    Payment pushed = h.payment(p.id());
    assertThat(pushed.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(pushed.sentVia()).contains(Transport.CLOUD);
    assertThat(h.events.about(p.id().value()))
        .anySatisfy(
            e ->
                assertThat(((TransactionEvent) e).reason())
                    .contains("sent through QFPay's cloud", "CONNECT_FAILED"));
    assertThat(h.terminals.findById(ID).orElseThrow().status())
        .isEqualTo(TerminalStatus.UNREACHABLE);

    pays.get(1)
        .complete(
            new TerminalOutcome.Approved(
                approvedReport("20261207000100020001", p.outTradeNo().value(), "0000")));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.sentVia()).contains(Transport.CLOUD);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(done.confirmationPending()).isFalse();
    assertThat(h.terminals.findById(ID).orElseThrow().status())
        .isEqualTo(TerminalStatus.UNREACHABLE);
    assertThat(h.lease(ID)).isEmpty();
    assertThat(h.channel.sent(TerminalCommand.Pay.class)).hasSize(2);
  }

  @Test
  void outcomeUnknownOrAnAnswer_isNeverPushed_andTheTransportStaysTheTerminals() {
    for (TerminalOutcome lan :
        List.of(
            new TerminalOutcome.OutcomeUnknown("read timeout after the request was written"),
            new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CHANNEL_CLOSED, "stopping"))) {
      Harness h = harness();
      Payment p = start(h);
      h.channel.sent(TerminalCommand.Pay.class).getFirst().complete(lan);

      assertThat(h.channel.sent(TerminalCommand.Pay.class)).as(lan.toString()).hasSize(1);
      assertThat(h.payment(p.id()).sentVia()).contains(Transport.HTTP);
    }
  }
}
