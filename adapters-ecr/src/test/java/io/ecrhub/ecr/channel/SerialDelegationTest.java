package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * USB serial goes through the injected {@link SerialExchange}; its failures map to NotSent or
 * OutcomeUnknown by whether the request may have reached the terminal.
 */
class SerialDelegationTest extends ChannelFixture {
  private final List<String> devices = new CopyOnWriteArrayList<>();

  @Test
  void withoutASerialLink_serialTerminalsAreNotSentConfiguration() throws Exception {
    TerminalOutcome o = await(channel().send(serialEndpoint(), pay("o-1")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONFIGURATION));
  }

  @Test
  void answerFromTheLink_isDecodedAndClassified() throws Exception {
    NettyTerminalChannel c =
        withLink(
            (device, data, ack, response) -> {
              devices.add(device);
              try {
                var req =
                    EcrCodec.decodeRequest(new String(data, StandardCharsets.UTF_8), KEY, true);
                String answer =
                    EcrCodec.encodeResponse(
                        new EcrResponse(
                            "6000",
                            "",
                            "",
                            Map.of(
                                "syssn", "9", "out_trade_no", req.content().get("out_trade_no"))),
                        KEY,
                        false);
                return CompletableFuture.completedFuture(answer.getBytes(StandardCharsets.UTF_8));
              } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
              }
            });

    TerminalOutcome o = await(c.send(serialEndpoint(), pay("o-serial")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class,
            a -> assertThat(a.report().outTradeNo()).isEqualTo("o-serial"));
    assertThat(devices).containsExactly("/dev/ttyUSB0");
  }

  @Test
  void linkFailureBeforeTheTerminalGotTheRequest_isNotSent() throws Exception {
    NettyTerminalChannel c =
        withLink(
            (device, data, ack, response) ->
                CompletableFuture.failedFuture(
                    new SerialExchange.SerialLinkException("port busy", false)));

    assertThat(await(c.send(serialEndpoint(), pay("o-1"))))
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONNECT_FAILED));
  }

  @Test
  void linkFailureAfterTheTerminalMayHaveTheRequest_isOutcomeUnknown() throws Exception {
    NettyTerminalChannel c =
        withLink(
            (device, data, ack, response) ->
                CompletableFuture.failedFuture(
                    new SerialExchange.SerialLinkException("no result after ack", true)));

    assertThat(await(c.send(serialEndpoint(), pay("o-1"))))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  private NettyTerminalChannel withLink(SerialExchange link) {
    NettyTerminalChannel c =
        new NettyTerminalChannel(
            ChannelSettings.defaults(), anchors(), pins, executor, Clock.systemUTC(), link);
    track(c);
    return c;
  }

  private static TerminalEndpoint serialEndpoint() {
    return new TerminalEndpoint(
        TERMINAL,
        "/dev/ttyUSB0",
        0,
        Transport.SERIAL,
        true,
        POS_KEY,
        null,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }
}
