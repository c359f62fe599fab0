package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every outcome class over real loopback sockets, for HTTPS, HTTP and raw TCP. */
class OutcomeClassificationTest extends ChannelFixture {

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void approvedTrade_returnsApprovedWithTheReportAndAMaskedCard(Transport transport)
      throws Exception {
    FakeTerminal t =
        fake(
            transport,
            req ->
                FakeTerminal.ok(
                    Map.of(
                        "syssn", "20250826155400087645770447",
                        "out_trade_no", req.content().get("out_trade_no"),
                        "txamt", "10.50",
                        "txcurrcd", "HKD",
                        "cardscheme", "MASTERCARD",
                        "cardno", "5200001234561096")));

    TerminalOutcome o = await(channel().send(endpoint(transport, t.port()), pay("order-1")));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    var report = ((TerminalOutcome.Approved) o).report();
    assertThat(report.syssn()).isEqualTo("20250826155400087645770447");
    assertThat(report.outTradeNo()).isEqualTo("order-1");
    assertThat(report.cardScheme()).isEqualTo("MASTERCARD");
    assertThat(report.maskedCardNumber()).isEqualTo("520000******1096");
    assertThat(t.funcTypes()).containsExactly(1001);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void terminalCodes_mapToTheirOutcomeClasses(Transport transport) throws Exception {
    var codes =
        new java.util.concurrent.ConcurrentLinkedQueue<>(
            List.of("6002", "6001", "4003", "5001", "4007", "4004"));
    FakeTerminal t = fake(transport, req -> FakeTerminal.code(codes.poll(), "from terminal"));
    TerminalEndpoint e = endpoint(transport, t.port());

    assertThat(await(channel().send(e, pay("o-declined"))))
        .isInstanceOfSatisfying(
            TerminalOutcome.Declined.class, d -> assertThat(d.rawCode()).isEqualTo("6002"));
    assertThat(await(channel().send(e, pay("o-cancelled"))))
        .isInstanceOf(TerminalOutcome.Cancelled.class);
    assertThat(await(channel().send(e, pay("o-key4003"))))
        .isEqualTo(new TerminalOutcome.KeyMismatch("4003", "from terminal"));
    assertThat(await(channel().send(e, pay("o-key5001"))))
        .isEqualTo(new TerminalOutcome.KeyMismatch("5001", "from terminal"));
    assertThat(await(channel().send(e, refund()))).isInstanceOf(TerminalOutcome.LoggedOut.class);
    assertThat(await(channel().send(e, query())))
        .isEqualTo(new TerminalOutcome.ProtocolError("4004", "from terminal"));
  }

  @Test
  void wrongPosKey_isKeyMismatchFromTheTerminal() throws Exception {
    FakeTerminal t = start(FakeTerminal.Mode.HTTP, null, false, req -> FakeTerminal.ok(Map.of()));
    TerminalEndpoint wrongKey =
        new TerminalEndpoint(
            TERMINAL,
            "127.0.0.1",
            t.port(),
            Transport.HTTP,
            false,
            PosKey.of("fedcba9876543210fedcba9876543210"),
            TcpFraming.HALF_CLOSE,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    TerminalOutcome o = await(channel().send(wrongKey, pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.KeyMismatch.class, k -> assertThat(k.rawCode()).isEqualTo("4003"));
  }

  @Test
  void errorStatusWithAnEnvelope_isClassifiedFromTheBody() throws Exception {
    FakeTerminal t =
        http(
            req ->
                new FakeTerminal.WithStatus(
                    500, new EcrResponse("6002", "", "card declined", Map.of())));

    TerminalOutcome o = await(channel().send(endpoint(Transport.HTTP, t.port()), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Declined.class,
            d -> assertThat(d.message()).isEqualTo("card declined"));
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void serverAcceptsButNeverAnswers_tradeIsOutcomeUnknownAfterTheReadTimeout(Transport transport)
      throws Exception {
    FakeTerminal t =
        fake(
            transport,
            req -> new FakeTerminal.Hold(new CountDownLatch(1), FakeTerminal.ok(Map.of())));

    TerminalOutcome o =
        await(
            channel()
                .send(endpoint(transport, t.port(), Duration.ofMillis(300)), pay("o-timeout")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(t.funcTypes()).containsExactly(1001);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void serverClosesMidResponse_tradeIsOutcomeUnknown(Transport transport) throws Exception {
    FakeTerminal t = fake(transport, req -> new FakeTerminal.CloseMidResponse());

    TerminalOutcome o = await(channel().send(endpoint(transport, t.port()), pay("o-half")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void serverClosesWithoutAnswer_refundIsOutcomeUnknown(Transport transport) throws Exception {
    FakeTerminal t = fake(transport, req -> new FakeTerminal.CloseSilently());

    TerminalOutcome o = await(channel().send(endpoint(transport, t.port()), refund()));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(t.funcTypes()).containsExactly(1002);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void garbageAnswer_isOutcomeUnknownForATrade_andProtocolErrorForAQuery(Transport transport)
      throws Exception {
    byte[] garbage = "<html>gateway error</html>".getBytes(StandardCharsets.UTF_8);
    FakeTerminal t = fake(transport, req -> new FakeTerminal.RawBody(garbage));
    TerminalEndpoint e = endpoint(transport, t.port());

    assertThat(await(channel().send(e, pay("o-garbage"))))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(await(channel().send(e, query()))).isInstanceOf(TerminalOutcome.ProtocolError.class);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void connectionRefused_isNotSentConnectFailed(Transport transport) throws Exception {
    int port = refusingPort();

    TerminalOutcome o = await(channel().send(endpoint(transport, port), pay("o-refused")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONNECT_FAILED));
  }

  @Test
  void everyFunction_isPostedToItsPath() throws Exception {
    FakeTerminal t = https(req -> FakeTerminal.ok(Map.of("syssn", "20250826155400087645770447")));
    TerminalEndpoint e = endpoint(Transport.HTTPS, t.port());
    List<TerminalCommand> commands =
        List.of(
            pay("o-1"),
            refund(),
            new TerminalCommand.PrintReceipt(Syssn.of("20250826155400087645770447")),
            new TerminalCommand.PrintSummary(),
            query(),
            new TerminalCommand.CancelRequest());

    for (TerminalCommand c : commands) {
      assertThat(await(channel().send(e, c))).isInstanceOf(TerminalOutcome.Approved.class);
    }

    assertThat(t.paths())
        .containsExactlyElementsOf(commands.stream().map(c -> EcrFunction.of(c).path()).toList());
    assertThat(t.funcTypes()).containsExactly(1001, 1002, 3001, 3002, 4001, 5001);
  }

  @Test
  void unusableEndpoint_isNotSentConfiguration_withoutAConnection() throws Exception {
    FakeTerminal t = https(req -> FakeTerminal.ok(Map.of()));
    TerminalEndpoint zeroTimeout = endpoint(Transport.HTTPS, t.port(), Duration.ZERO);

    TerminalOutcome o = await(channel().send(zeroTimeout, pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONFIGURATION));
    assertThat(t.connections()).isZero();
  }

  @Test
  void closedChannel_answersNotSentChannelClosed() throws Exception {
    NettyTerminalChannel c = channel();
    c.close();

    TerminalOutcome o = await(c.send(endpoint(Transport.HTTPS, 9), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CHANNEL_CLOSED));
  }
}
