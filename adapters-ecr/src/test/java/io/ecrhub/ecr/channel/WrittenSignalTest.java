package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The channel's "request written" signal over real loopback sockets: it comes once, while the
 * terminal still holds the request (before any answer), and never for a request that was not sent.
 */
class WrittenSignalTest extends ChannelFixture {

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void aRequestTheTerminalHolds_isSignalledWritten_once_beforeItsAnswer(Transport transport)
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeTerminal t =
        fake(
            transport,
            req ->
                new FakeTerminal.Hold(
                    release,
                    FakeTerminal.ok(
                        Map.of(
                            "syssn", "20250826155400087645770447",
                            "out_trade_no", req.content().get("out_trade_no"),
                            "txamt", "10.50",
                            "txcurrcd", "HKD"))));
    AtomicInteger signals = new AtomicInteger();
    CountDownLatch written = new CountDownLatch(1);

    CompletableFuture<TerminalOutcome> outcome =
        channel()
            .send(
                endpoint(transport, t.port()),
                pay("o-written"),
                () -> {
                  signals.incrementAndGet();
                  written.countDown();
                })
            .toCompletableFuture();

    assertThat(written.await(30, TimeUnit.SECONDS)).as("signalled written").isTrue();
    assertThat(t.awaitArrival()).as("the terminal got it").isEqualTo(1001);
    assertThat(outcome).as("no answer yet: the terminal holds the request").isNotDone();
    release.countDown();
    assertThat(await(outcome)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(signals).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTPS", "HTTP", "TCP"})
  void aRefusedConnection_isNotSent_andNeverSignalledWritten(Transport transport) throws Exception {
    int port = refusingPort();
    AtomicInteger signals = new AtomicInteger();

    TerminalOutcome o =
        await(
            channel().send(endpoint(transport, port), pay("o-refused"), signals::incrementAndGet));

    assertThat(o).isInstanceOf(TerminalOutcome.NotSent.class);
    assertThat(signals).hasValue(0);
  }
}
