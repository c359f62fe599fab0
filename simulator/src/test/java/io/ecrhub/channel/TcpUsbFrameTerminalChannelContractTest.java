package io.ecrhub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.simulator.Exchange;
import io.ecrhub.simulator.SimulatedTerminal;
import org.junit.jupiter.api.Test;

/**
 * The TerminalChannel contract over raw TCP in the USB link framing ({@link TcpFraming#USB_FRAME},
 * unverified on hardware), plus what only this framing has: the simulator recognises the frames,
 * the hub acknowledges every result, and an answer over 1024 bytes arrives in fragments.
 */
class TcpUsbFrameTerminalChannelContractTest extends TerminalChannelContract {
  @Override
  Transport transport() {
    return Transport.TCP;
  }

  @Override
  int port(SimulatedTerminal t) {
    return t.tcpPort();
  }

  @Override
  TcpFraming framing() {
    return TcpFraming.USB_FRAME;
  }

  @Test
  void theSimulatorServesTheRequestAsUsbFrames_andTheHubAcknowledgesTheResult() throws Exception {
    approvedPayment("1.50", "order-usb");

    assertThat(terminal.exchanges())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.transport()).isEqualTo("tcp-usb");
              assertThat(e.funcType()).isEqualTo(1001);
            });
    await().atMost(WAIT).until(() -> terminal.tcpUsbResultsAcknowledged() == 1);
  }

  @Test
  void answerOver1024Bytes_comesInFragments_andIsReassembled() throws Exception {
    // the decline message appears three times in the answer: well over one 1024-byte fragment
    String message = "card declined by the issuer; ask the customer for another card. ".repeat(8);
    terminal.declineNext(message);

    TerminalOutcome o = send(pay("16.00", "order-long"));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Declined.class, d -> assertThat(d.message()).isEqualTo(message));
    assertThat(terminal.exchanges()).extracting(Exchange::transport).containsExactly("tcp-usb");
    await().atMost(WAIT).until(() -> terminal.tcpUsbResultsAcknowledged() == 1);
  }
}
