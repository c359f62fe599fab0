package io.ecrhub.ecr.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** One request per terminal at a time, except cancel, which may overlap a held trade. */
class SingleFlightTest extends ChannelFixture {

  @Test
  void secondTradeWhileOneIsHeld_isBusyAtOnce_andTheTerminalSeesOnlyOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeTerminal t = https(req -> new FakeTerminal.Hold(release, FakeTerminal.ok(Map.of())));
    TerminalEndpoint e = endpoint(Transport.HTTPS, t.port());

    CompletionStage<TerminalOutcome> first = channel().send(e, pay("o-first"));
    assertThat(t.awaitArrival()).isEqualTo(1001);

    TerminalOutcome second = await(channel().send(e, pay("o-second")));
    TerminalOutcome query = await(channel().send(e, query()));
    release.countDown();

    assertThat(second).isInstanceOf(TerminalOutcome.Busy.class);
    assertThat(query).isInstanceOf(TerminalOutcome.Busy.class);
    assertThat(await(first)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(t.funcTypes()).containsExactly(1001);
  }

  @Test
  void cancelDuringAHeldTrade_reachesTheTerminal_andTheTradeEndsCancelled() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    FakeTerminal t =
        https(
            req ->
                switch (req.funcType()) {
                  case 1001 -> new FakeTerminal.Hold(cancelled, FakeTerminal.code("6001", ""));
                  case 5001 -> {
                    cancelled.countDown();
                    yield FakeTerminal.ok(Map.of());
                  }
                  default -> FakeTerminal.code("4006", "unexpected");
                });
    TerminalEndpoint e = endpoint(Transport.HTTPS, t.port());

    CompletionStage<TerminalOutcome> trade = channel().send(e, pay("o-held"));
    assertThat(t.awaitArrival()).isEqualTo(1001);
    TerminalOutcome cancel = await(channel().send(e, new TerminalCommand.CancelRequest()));

    assertThat(cancel).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(await(trade)).isInstanceOf(TerminalOutcome.Cancelled.class);
    assertThat(t.funcTypes()).containsExactly(1001, 5001);
  }

  @Test
  void afterATradeEnds_theNextTradeIsAdmitted() throws Exception {
    FakeTerminal t = https(req -> FakeTerminal.code("6002", "declined"));
    TerminalEndpoint e = endpoint(Transport.HTTPS, t.port());

    assertThat(await(channel().send(e, pay("o-1")))).isInstanceOf(TerminalOutcome.Declined.class);
    assertThat(await(channel().send(e, pay("o-2")))).isInstanceOf(TerminalOutcome.Declined.class);
    assertThat(t.funcTypes()).containsExactly(1001, 1001);
  }

  @Test
  void afterATradeTimesOut_theTerminalIsFreeAgain() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    FakeTerminal t =
        https(
            req ->
                req.funcType() == 1001
                    ? new FakeTerminal.Hold(never, FakeTerminal.ok(Map.of()))
                    : FakeTerminal.ok(Map.of("syssn", "1")));
    TerminalEndpoint impatient = endpoint(Transport.HTTPS, t.port(), Duration.ofMillis(300));

    assertThat(await(channel().send(impatient, pay("o-1"))))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(await(channel().send(endpoint(Transport.HTTPS, t.port()), query())))
        .isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void aHeldTradeOnOneTerminal_doesNotBlockAnotherTerminal() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeTerminal held = https(req -> new FakeTerminal.Hold(release, FakeTerminal.ok(Map.of())));
    FakeTerminal other = https(req -> FakeTerminal.ok(Map.of()));
    TerminalEndpoint heldEndpoint = endpoint(Transport.HTTPS, held.port());
    TerminalEndpoint otherEndpoint =
        new TerminalEndpoint(
            TerminalId.of("till-2"),
            "127.0.0.1",
            other.port(),
            Transport.HTTPS,
            true,
            POS_KEY,
            null,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    CompletionStage<TerminalOutcome> first = channel().send(heldEndpoint, pay("o-1"));
    assertThat(held.awaitArrival()).isEqualTo(1001);
    TerminalOutcome second = await(channel().send(otherEndpoint, pay("o-2")));
    release.countDown();

    assertThat(second).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(await(first)).isInstanceOf(TerminalOutcome.Approved.class);
  }
}
