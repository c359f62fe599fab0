package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryTerminalLeases;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.ScriptedTerminalChannel;
import io.ecrhub.domain.testing.TerminalFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminalOperationsTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryTerminalLeases leases = new InMemoryTerminalLeases();
  private final ScriptedTerminalChannel channel = new ScriptedTerminalChannel();
  private final TerminalOperations operations =
      new TerminalOperations(
          terminals,
          leases,
          channel,
          new DirectUnitOfWork(),
          clock,
          new TerminalHealth(
              terminals, new DirectUnitOfWork(), clock, TerminalHealth.StatusChanges.NONE),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15));

  TerminalOperationsTest() {
    terminals.save(TerminalFixture.terminal());
  }

  @Test
  void printReceipt_sendsTheSyssnAndReturnsTheOutcome() {
    channel.reply(TerminalCommand.PrintReceipt.class, new TerminalOutcome.Approved(null));

    TerminalOutcome outcome =
        operations.printReceipt(TerminalFixture.DEFAULT_ID, Syssn.of("20260302000000000001"));

    assertThat(outcome).isInstanceOf(TerminalOutcome.Approved.class);
    TerminalCommand.PrintReceipt sent = channel.commands(TerminalCommand.PrintReceipt.class).get(0);
    assertThat(sent.syssn()).isEqualTo(Syssn.of("20260302000000000001"));
    assertThat(channel.last(TerminalCommand.PrintReceipt.class).endpoint().readTimeout())
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().status())
        .isEqualTo(TerminalStatus.ONLINE);
  }

  @Test
  void printSummary_recordsWhatTheAnswerSaysAboutTheTerminal() {
    channel.reply(TerminalCommand.PrintSummary.class, new TerminalOutcome.LoggedOut("logged out"));

    TerminalOutcome outcome = operations.printSummary(TerminalFixture.DEFAULT_ID);

    assertThat(outcome).isInstanceOf(TerminalOutcome.LoggedOut.class);
    assertThat(terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().status())
        .isEqualTo(TerminalStatus.LOGGED_OUT);
  }

  @Test
  void whileAPaymentHoldsTheTerminal_printIsBusyWithoutTouchingTheWire() {
    leases.tryAcquire(
        TerminalFixture.DEFAULT_ID, "hub-a:pay_1", Duration.ofMinutes(3), clock.instant());

    TerminalOutcome outcome = operations.printSummary(TerminalFixture.DEFAULT_ID);

    assertThat(outcome).isInstanceOf(TerminalOutcome.Busy.class);
    assertThat(channel.sent()).isEmpty();
  }

  @Test
  void channelFailure_isAnOutcomeNotAnException() {
    channel.failWith(TerminalCommand.PrintSummary.class, new IllegalStateException("bug"));

    assertThat(operations.printSummary(TerminalFixture.DEFAULT_ID))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void unknownTerminal_isNotFound() {
    assertThatThrownBy(() -> operations.printSummary(TerminalId.of("nope")))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_NOT_FOUND");
  }

  @Test
  void disabledTerminal_isRefused() {
    Terminal t = terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
    t.disable(clock.instant());
    terminals.save(t);

    assertThatThrownBy(() -> operations.printSummary(TerminalFixture.DEFAULT_ID))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_DISABLED");
    assertThat(channel.sent()).isEmpty();
  }
}
