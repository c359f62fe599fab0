package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.TerminalFixture;
import io.ecrhub.domain.transaction.DeclineReason;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminalHealthTest {
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final TerminalHealth health =
      new TerminalHealth(terminals, new DirectUnitOfWork(), clock);

  private static Optional<TerminalStatus> statusFor(TerminalOutcome o) {
    return TerminalHealth.observationOf(o).map(TerminalHealth.Observation::status);
  }

  @Test
  void answersThatShowTheTerminalWorks_meanOnline() {
    assertThat(statusFor(new TerminalOutcome.Approved(null))).contains(TerminalStatus.ONLINE);
    assertThat(
            statusFor(
                new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "x", "6002")))
        .contains(TerminalStatus.ONLINE);
    assertThat(statusFor(new TerminalOutcome.Cancelled("6001"))).contains(TerminalStatus.ONLINE);
    assertThat(statusFor(new TerminalOutcome.NotFound("none", "6002")))
        .contains(TerminalStatus.ONLINE);
    assertThat(statusFor(new TerminalOutcome.ProtocolError("4006", "bad")))
        .contains(TerminalStatus.ONLINE);
  }

  @Test
  void keyAndLoginTrouble_isRecorded() {
    assertThat(statusFor(new TerminalOutcome.KeyMismatch("5001", "decrypt failed")))
        .contains(TerminalStatus.KEY_MISMATCH);
    assertThat(statusFor(new TerminalOutcome.LoggedOut("logged out")))
        .contains(TerminalStatus.LOGGED_OUT);
  }

  @ParameterizedTest
  @EnumSource(NotSentCause.class)
  void notSent_mapsByCause(NotSentCause cause) {
    Optional<TerminalStatus> expected =
        switch (cause) {
          case CONNECT_FAILED, UNRESOLVED -> Optional.of(TerminalStatus.UNREACHABLE);
          case CERTIFICATE_CHANGED -> Optional.of(TerminalStatus.CERTIFICATE_CHANGED);
          case CERTIFICATE_UNTRUSTED -> Optional.of(TerminalStatus.CERTIFICATE_UNTRUSTED);
          case TLS_HANDSHAKE_FAILED -> Optional.of(TerminalStatus.HTTPS_MISMATCH);
          case CONFIGURATION, CHANNEL_CLOSED -> Optional.empty();
        };

    assertThat(statusFor(new TerminalOutcome.NotSent(cause, "d"))).isEqualTo(expected);
  }

  @Test
  void noAnswerOrBusy_saysNothingAboutTheTerminal() {
    assertThat(statusFor(new TerminalOutcome.OutcomeUnknown("timeout"))).isEmpty();
    assertThat(statusFor(new TerminalOutcome.Busy("busy"))).isEmpty();
  }

  @Test
  void record_savesTheNewStatusOnlyWhenItChanged() {
    terminals.save(TerminalFixture.terminal());

    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.KeyMismatch("4003", "denied"));
    Terminal t = terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
    assertThat(t.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(t.statusDetail()).contains("respcd 4003");
    assertThat(t.version()).isEqualTo(2);

    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.KeyMismatch("4003", "denied"));
    assertThat(terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void record_unknownTerminal_isIgnored() {
    health.record(TerminalId.of("gone"), new TerminalOutcome.Approved(null));

    assertThat(terminals.all()).isEmpty();
  }
}
