package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw TCP framings (unverified on hardware): what goes on the wire and the round trip. */
class TcpFramingTest extends ChannelFixture {

  @Test
  void halfClose_sendsTheBareBase64_andReadsTheAnswerToEndOfStream() throws Exception {
    FakeTerminal t = tcp(req -> FakeTerminal.ok(Map.of("syssn", "42")));

    TerminalOutcome o = await(channel().send(tcpEndpoint(t, TcpFraming.HALF_CLOSE), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class, a -> assertThat(a.report().syssn()).isEqualTo("42"));
    assertThat(t.rawRequests())
        .singleElement()
        .satisfies(body -> assertThat(body).matches("[A-Za-z0-9+/]+=*"));
  }

  @Test
  void jsonQuoted_sendsTheQuotedBody() throws Exception {
    FakeTerminal t = tcp(req -> FakeTerminal.ok(Map.of("syssn", "42")));

    TerminalOutcome o = await(channel().send(tcpEndpoint(t, TcpFraming.JSON_QUOTED), pay("o-1")));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(t.rawRequests())
        .singleElement()
        .satisfies(body -> assertThat(body).matches("\"[A-Za-z0-9+/]+=*\""));
  }

  @Test
  void newline_sendsOneLine_andReadsTheAnswerToEndOfStream() throws Exception {
    FakeTerminal t =
        start(FakeTerminal.Mode.TCP_LINE, null, true, req -> FakeTerminal.ok(Map.of("syssn", "7")));

    TerminalOutcome o = await(channel().send(tcpEndpoint(t, TcpFraming.NEWLINE), query()));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(t.rawRequests())
        .singleElement()
        .satisfies(body -> assertThat(body).matches("[A-Za-z0-9+/]+=*\n"));
  }

  @Test
  void usbFrameOverTcp_isNotSentAsNotSupportedYet() throws Exception {
    FakeTerminal t = tcp(req -> FakeTerminal.ok(Map.of()));

    TerminalOutcome o = await(channel().send(tcpEndpoint(t, TcpFraming.USB_FRAME), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONFIGURATION));
    assertThat(t.connections()).isZero();
  }

  private static TerminalEndpoint tcpEndpoint(FakeTerminal t, TcpFraming framing) {
    return new TerminalEndpoint(
        TERMINAL,
        "127.0.0.1",
        t.port(),
        Transport.TCP,
        true,
        POS_KEY,
        framing,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }
}
