package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalHealth.StatusChanges;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.TerminalFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminalHealthTest {
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final TerminalHealth health =
      new TerminalHealth(terminals, new DirectUnitOfWork(), clock, StatusChanges.NONE);

  private static Optional<TerminalStatus> statusFor(TerminalOutcome o) {
    return TerminalHealth.interpret(Transport.HTTPS, true, o)
        .map(TerminalHealth.Observation::status);
  }

  private static TerminalHealth.Observation seen(
      Transport transport, boolean encryption, TerminalOutcome o) {
    return TerminalHealth.interpret(transport, encryption, o).orElseThrow();
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
  }

  @Test
  void recordAsRead_anAnswerThatSaysWhatTheTerminalShowed_touchesNothing() {
    DirectUnitOfWork uow = new DirectUnitOfWork();
    TerminalHealth counted = new TerminalHealth(terminals, uow, clock, StatusChanges.NONE);
    Terminal online = terminals.save(TerminalFixture.builder().build());
    counted.record(online.id(), new TerminalOutcome.Approved(null));
    Terminal asRead = terminals.findById(online.id()).orElseThrow();
    assertThat(asRead.status()).isEqualTo(TerminalStatus.ONLINE);
    int before = uow.transactions();

    counted.record(asRead, new TerminalOutcome.Approved(null));

    assertThat(uow.transactions()).as("no unit of work for an unchanged status").isEqualTo(before);
    assertThat(terminals.findById(online.id()).orElseThrow().version()).isEqualTo(asRead.version());
  }

  @Test
  void recordAsRead_anAnswerThatChangesTheStatus_isWritten() {
    Terminal online = terminals.save(TerminalFixture.builder().build());
    health.record(online.id(), new TerminalOutcome.Approved(null));
    Terminal asRead = terminals.findById(online.id()).orElseThrow();

    health.record(asRead, new TerminalOutcome.LoggedOut("logged out"));

    assertThat(terminals.findById(online.id()).orElseThrow().status())
        .isEqualTo(TerminalStatus.LOGGED_OUT);
    Terminal loggedOut = terminals.findById(online.id()).orElseThrow();
    health.record(loggedOut, new TerminalOutcome.Approved(null));
    assertThat(terminals.findById(online.id()).orElseThrow().status())
        .isEqualTo(TerminalStatus.ONLINE);
  }

  @Test
  void anUnreadableAnswer_mayBeAnEncryptionMismatch_andLeavesTheStatusAlone() {
    assertThat(statusFor(new TerminalOutcome.ProtocolError("4006", "bad"))).isEmpty();
  }

  @Test
  void keyAndLoginTrouble_isRecorded() {
    assertThat(statusFor(new TerminalOutcome.KeyMismatch("5001", "decrypt failed")))
        .contains(TerminalStatus.KEY_MISMATCH);
    assertThat(statusFor(new TerminalOutcome.LoggedOut("logged out")))
        .contains(TerminalStatus.LOGGED_OUT);
  }

  @Test
  void respcd4003_meansKeyChangedInMms_withReimportAndRestartFix() {
    TerminalHealth.Observation f =
        seen(Transport.HTTPS, true, new TerminalOutcome.KeyMismatch("4003", "Request Denied"));
    assertThat(f.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(f.evidence()).contains("respcd 4003");
    assertThat(f.fix()).contains("POS Key List").contains("restart");
    assertThat(f.detail()).contains("Fix:");
  }

  @Test
  void respcd5001_withEncryptionOff_pointsAtTheEncryptionToggle() {
    TerminalHealth.Observation f =
        seen(Transport.HTTP, false, new TerminalOutcome.KeyMismatch("5001", "decrypt failed"));
    assertThat(f.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(f.evidence()).contains("could not decrypt");
    assertThat(f.fix()).contains("encryption is on by default");
  }

  @Test
  void respcd4007_meansLoggedOut_withReloginFix() {
    TerminalHealth.Observation f = seen(Transport.HTTPS, true, new TerminalOutcome.LoggedOut(""));
    assertThat(f.status()).isEqualTo(TerminalStatus.LOGGED_OUT);
    assertThat(f.fix()).contains("re-login the Haojin app");
  }

  @Test
  void tlsHandshakeFailure_onHttpsTerminal_meansHttpsOffAtTheTerminal() {
    TerminalHealth.Observation f =
        seen(
            Transport.HTTPS,
            true,
            new TerminalOutcome.NotSent(NotSentCause.TLS_HANDSHAKE_FAILED, "not TLS"));
    assertThat(f.status()).isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(f.fix()).contains("Enable Https");
  }

  @Test
  void tlsProbe_againstConfiguredTransport() {
    assertThat(TerminalHealth.interpretTlsProbe(Transport.HTTP, true).status())
        .isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(TerminalHealth.interpretTlsProbe(Transport.HTTPS, false).status())
        .isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(TerminalHealth.interpretTlsProbe(Transport.HTTPS, true).status())
        .isEqualTo(TerminalStatus.ONLINE);
    assertThat(TerminalHealth.interpretTlsProbe(Transport.HTTP, false).status())
        .isEqualTo(TerminalStatus.ONLINE);
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
    assertThat(t.statusDetail()).get().asString().contains("respcd 4003").contains("Fix:");
    assertThat(t.version()).isEqualTo(2);

    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.KeyMismatch("4003", "denied"));
    assertThat(terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void record_repeatedOnlineAnswers_doNotRewriteTheTerminal() {
    terminals.save(TerminalFixture.terminal());
    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.Approved(null));
    long version = terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().version();

    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.NotFound("none", "6002"));
    health.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.Cancelled("6001"));

    Terminal t = terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
    assertThat(t.status()).isEqualTo(TerminalStatus.ONLINE);
    assertThat(t.statusDetail()).isEmpty();
    assertThat(t.version()).isEqualTo(version);
  }

  @Test
  void listener_hearsEachStatusChangeOnce() {
    List<String> changes = new ArrayList<>();
    TerminalHealth listening =
        new TerminalHealth(
            terminals,
            new DirectUnitOfWork(),
            clock,
            (t, from, seen, at) -> changes.add(from + "->" + seen.status()));
    terminals.save(TerminalFixture.terminal());

    listening.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.LoggedOut("x"));
    listening.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.LoggedOut("x"));
    listening.recordTlsProbe(TerminalFixture.DEFAULT_ID, true);
    listening.record(TerminalFixture.DEFAULT_ID, new TerminalOutcome.Busy("busy"));

    assertThat(changes).hasSize(2);
    assertThat(changes.get(0)).endsWith("->LOGGED_OUT");
    assertThat(changes.get(1)).isEqualTo("LOGGED_OUT->ONLINE");
  }

  @Test
  void record_disabledTerminal_keepsItsStatus() {
    Terminal t = TerminalFixture.terminal();
    t.disable(clock.instant());
    terminals.save(t);

    assertThat(
            health.recordOutcome(
                TerminalFixture.DEFAULT_ID, new TerminalOutcome.KeyMismatch("4003", "x")))
        .isEmpty();
    assertThat(terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow().status())
        .isEqualTo(TerminalStatus.DISABLED);
  }

  @Test
  void record_unknownTerminal_isIgnored() {
    health.record(TerminalId.of("gone"), new TerminalOutcome.Approved(null));

    assertThat(terminals.all()).isEmpty();
  }
}
