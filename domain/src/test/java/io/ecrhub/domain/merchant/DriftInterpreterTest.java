package io.ecrhub.domain.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import org.junit.jupiter.api.Test;

class DriftInterpreterTest {

  @Test
  void respcd4003_meansKeyChangedInMms_withReimportAndRestartFix() {
    DriftFinding f =
        DriftInterpreter.fromOutcome(
                Transport.HTTPS, true, new TerminalOutcome.KeyMismatch("4003", "Request Denied"))
            .orElseThrow();
    assertThat(f.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(f.evidence()).contains("4003");
    assertThat(f.fix()).contains("POS Key List").contains("restart");
  }

  @Test
  void respcd5001_withEncryptionOff_pointsAtTheEncryptionToggle() {
    DriftFinding f =
        DriftInterpreter.fromOutcome(
                Transport.HTTP, false, new TerminalOutcome.KeyMismatch("5001", "decrypt failed"))
            .orElseThrow();
    assertThat(f.status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(f.evidence()).contains("could not decrypt");
    assertThat(f.fix()).contains("encryption is on by default");
  }

  @Test
  void respcd4007_meansLoggedOut() {
    assertThat(
            DriftInterpreter.fromOutcome(Transport.HTTPS, true, new TerminalOutcome.LoggedOut(""))
                .orElseThrow()
                .status())
        .isEqualTo(TerminalStatus.LOGGED_OUT);
  }

  @Test
  void tlsHandshakeFailure_onHttpsTerminal_meansHttpsOffAtTheTerminal() {
    DriftFinding f =
        DriftInterpreter.fromOutcome(
                Transport.HTTPS,
                true,
                new TerminalOutcome.NotSent(NotSentCause.TLS_HANDSHAKE_FAILED, "not TLS"))
            .orElseThrow();
    assertThat(f.status()).isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(f.fix()).contains("Enable Https");
  }

  @Test
  void tlsProbe_againstConfiguredTransport() {
    assertThat(DriftInterpreter.fromTlsProbe(Transport.HTTP, true).status())
        .isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(DriftInterpreter.fromTlsProbe(Transport.HTTPS, false).status())
        .isEqualTo(TerminalStatus.HTTPS_MISMATCH);
    assertThat(DriftInterpreter.fromTlsProbe(Transport.HTTPS, true).status())
        .isEqualTo(TerminalStatus.ONLINE);
    assertThat(DriftInterpreter.fromTlsProbe(Transport.HTTP, false).status())
        .isEqualTo(TerminalStatus.ONLINE);
  }

  @Test
  void certificateCauses_mapToTheirStatuses() {
    assertThat(
            DriftInterpreter.fromOutcome(
                    Transport.HTTPS,
                    true,
                    new TerminalOutcome.NotSent(NotSentCause.CERTIFICATE_CHANGED, "sha differs"))
                .orElseThrow()
                .status())
        .isEqualTo(TerminalStatus.CERTIFICATE_CHANGED);
    assertThat(
            DriftInterpreter.fromOutcome(
                    Transport.HTTPS,
                    true,
                    new TerminalOutcome.NotSent(NotSentCause.CERTIFICATE_UNTRUSTED, "other CA"))
                .orElseThrow()
                .status())
        .isEqualTo(TerminalStatus.CERTIFICATE_UNTRUSTED);
    assertThat(
            DriftInterpreter.fromOutcome(
                    Transport.HTTPS,
                    true,
                    new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "refused"))
                .orElseThrow()
                .status())
        .isEqualTo(TerminalStatus.UNREACHABLE);
  }

  @Test
  void unknownOutcome_saysNothingAboutConfiguration() {
    assertThat(
            DriftInterpreter.fromOutcome(
                Transport.HTTPS, true, new TerminalOutcome.OutcomeUnknown("read timeout")))
        .isEmpty();
  }

  @Test
  void anyDecodedAnswer_meansOnline() {
    assertThat(
            DriftInterpreter.fromOutcome(
                    Transport.HTTPS, true, new TerminalOutcome.NotFound("none", "6002"))
                .orElseThrow()
                .status())
        .isEqualTo(TerminalStatus.ONLINE);
  }
}
