package io.ecrhub.ecr.channel;

import static io.ecrhub.ecr.channel.UsbFramedTerminal.ACK;
import static io.ecrhub.ecr.channel.UsbFramedTerminal.REQUEST;
import static io.ecrhub.ecr.channel.UsbFramedTerminal.message;
import static io.ecrhub.ecr.channel.UsbFramedTerminal.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.channel.UsbFramedTerminal.Frame;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.ecr.tls.TerminalTls;
import io.ecrhub.ecr.transport.Connector;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link TcpFraming#USB_FRAME} (unverified on hardware) against a terminal that speaks the USB link
 * framing on raw TCP: what goes on the wire, the acknowledgements, and how every ending classifies.
 */
class UsbFrameOverTcpTest extends ChannelFixture {
  /** The reference number the scripted terminal gives its results. */
  private static final int RESULT_REF = 0x33;

  private static byte[] envelope(String respcd, Map<String, Object> data) throws Exception {
    return EcrCodec.encodeResponse(new EcrResponse(respcd, "msg", "", data), KEY, false)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static EcrCodec.DecodedRequest decode(Frame request) throws Exception {
    return EcrCodec.decodeRequest(new String(request.data(), StandardCharsets.UTF_8), KEY, true);
  }

  private UsbFramedTerminal terminal(UsbFramedTerminal.Script script) throws Exception {
    return track(UsbFramedTerminal.start(script));
  }

  private static TerminalEndpoint usbEndpoint(UsbFramedTerminal t, Duration readTimeout) {
    return new TerminalEndpoint(
        TERMINAL,
        "127.0.0.1",
        t.port(),
        Transport.TCP,
        true,
        POS_KEY,
        TcpFraming.USB_FRAME,
        Duration.ofSeconds(10),
        readTimeout);
  }

  private TerminalOutcome send(UsbFramedTerminal t, TerminalCommand c) throws Exception {
    return await(channel().send(usbEndpoint(t, Duration.ofSeconds(10)), c));
  }

  @Test
  void request_isOneFrameOfBareBase64_andAFragmentedResultIsAcknowledgedAndApproved()
      throws Exception {
    String filler = "x".repeat(2500);
    CompletableFuture<Void> served = new CompletableFuture<>();
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.send(
                  message(
                      RESULT_REF, envelope("6000", Map.of("syssn", "42", "note", filler)), 1024));
              s.awaitClose();
              served.complete(null);
            });

    TerminalOutcome o = send(t, pay("o-usb-1"));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class, a -> assertThat(a.report().syssn()).isEqualTo("42"));
    Frame request = t.received().getFirst();
    assertThat(request.version()).isEqualTo(1);
    assertThat(request.type()).isEqualTo(REQUEST);
    assertThat(request.reference()).isBetween(1, 0x7F);
    assertThat(request.totalDataLength()).isEqualTo(request.data().length);
    assertThat(new String(request.data(), StandardCharsets.UTF_8)).matches("[A-Za-z0-9+/]+=*");
    assertThat(decode(request).content()).containsEntry("out_trade_no", "o-usb-1");
    served.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(t.received())
        .hasSize(2)
        .last()
        .satisfies(
            ack -> {
              assertThat(ack.type()).isEqualTo(ACK);
              assertThat(ack.reference()).isEqualTo(RESULT_REF);
              assertThat(ack.data()).isEmpty();
            });
  }

  @Test
  void requestLongerThanTheFragmentSize_goesOutInFragmentsEachCarryingTheTotal() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.send(message(RESULT_REF, envelope("6000", Map.of("syssn", "7")), 1024));
              s.awaitClose();
            });
    NioEventLoopGroup group = new NioEventLoopGroup(1);
    track(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    Connector connector =
        new Connector(group, new TerminalTls(anchors()), executor, EcrCodec.MAX_BODY_BYTES);
    TcpRoute route = new TcpRoute(connector, 64);
    String body = EcrCodec.encodeRequest(EcrFunction.content(pay("o-frag")), KEY, true);
    int dataLength = body.length() - 2; // the Base64 without its quotes

    var written = new java.util.concurrent.atomic.AtomicInteger();
    TerminalOutcome o =
        await(
            route.send(
                usbEndpoint(t, Duration.ofSeconds(10)),
                EcrFunction.TRADE,
                body,
                written::incrementAndGet));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(written).as("the written signal, once for all fragments").hasValue(1);
    var fragments = t.received().stream().filter(f -> f.type() == REQUEST).toList();
    assertThat(fragments).hasSize((dataLength + 63) / 64);
    assertThat(fragments)
        .allSatisfy(
            f -> {
              assertThat(f.totalDataLength()).isEqualTo(dataLength);
              assertThat(f.reference()).isEqualTo(fragments.getFirst().reference());
              assertThat(f.data().length).isLessThanOrEqualTo(64);
            });
  }

  @Test
  void errorPacketInPlaceOfTheAcknowledgement_isNotSent() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(0x32, req.reference()));
              s.awaitClose();
            });

    TerminalOutcome o = send(t, pay("o-refused"));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(NotSentCause.CONNECT_FAILED);
              assertThat(n.detail()).contains("0x32");
            });
  }

  @Test
  void errorPacketAfterTheAcknowledgement_isNoRefusal_andTheCloseIsOutcomeUnknown()
      throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.send(signal(0x30, req.reference()));
              s.close();
            });

    TerminalOutcome o = send(t, pay("o-late-error"));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.OutcomeUnknown.class,
            u -> assertThat(u.detail()).contains("acknowledged"));
  }

  @Test
  void errorPacketForAnotherReference_isNoRefusal() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(0x32, req.reference() == 5 ? 6 : 5));
              s.close();
            });

    assertThat(send(t, pay("o-other-ref"))).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void acknowledgedThenClosed_isOutcomeUnknown() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.close();
            });

    assertThat(send(t, pay("o-dropped"))).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void acknowledgedThenSilentPastTheReadTimeout_isOutcomeUnknown() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.awaitClose();
            });

    TerminalOutcome o =
        await(channel().send(usbEndpoint(t, Duration.ofMillis(300)), pay("o-silent")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void resultWithoutAnAcknowledgement_isAccepted() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              s.request();
              s.send(message(RESULT_REF, envelope("6000", Map.of("syssn", "9")), 1024));
              s.awaitClose();
            });

    assertThat(send(t, query())).isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void declinedResult_isDeclined() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.send(message(RESULT_REF, envelope("6002", Map.of("syssn", "9")), 1024));
              s.awaitClose();
            });

    assertThat(send(t, pay("o-declined"))).isInstanceOf(TerminalOutcome.Declined.class);
  }

  @Test
  void answerThatIsNotUsbFrames_isOutcomeUnknownForAPayment() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              s.request();
              s.send(envelope("6000", Map.of("syssn", "1")));
              s.close();
            });

    assertThat(send(t, pay("o-raw")))
        .isInstanceOfSatisfying(
            TerminalOutcome.OutcomeUnknown.class,
            u -> assertThat(u.detail()).contains("not USB frames"));
  }

  @Test
  void resultThatIsNoEnvelope_isProtocolErrorForAQuery() throws Exception {
    UsbFramedTerminal t =
        terminal(
            s -> {
              Frame req = s.request();
              s.send(signal(ACK, req.reference()));
              s.send(message(RESULT_REF, "not an envelope".getBytes(StandardCharsets.UTF_8), 1024));
              s.awaitClose();
            });

    assertThat(send(t, query())).isInstanceOf(TerminalOutcome.ProtocolError.class);
  }
}
