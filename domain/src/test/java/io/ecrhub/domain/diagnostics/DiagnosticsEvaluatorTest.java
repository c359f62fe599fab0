package io.ecrhub.domain.diagnostics;

import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.HOST;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.NOW;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.QFPAY_CA;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.goodLeaf;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.healthy;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.httpsTarget;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.TerminalFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsEvaluatorTest {

  private static DiagnosticReport report(DiagnosticTarget t, Observations o) {
    return new DiagnosticReport(
        "r1", t.terminalId(), t.address(), NOW, DiagnosticsEvaluator.evaluate(t, o, NOW));
  }

  private static Observations withTls(TlsObservation tls) {
    Observations h = healthy();
    return new Observations(
        h.ecrPort(), null, tls, h.ecrAnswer(), h.notifications(), h.addresses());
  }

  private static Observations withAnswer(TerminalOutcome a) {
    Observations h = healthy();
    return new Observations(h.ecrPort(), null, h.tls(), a, h.notifications(), h.addresses());
  }

  private static DiagnosticCheck check(DiagnosticReport r, CheckId id) {
    return r.check(id).orElseThrow();
  }

  @Test
  void healthyHttpsTerminal_passesEveryCheck_exitCode0() {
    DiagnosticReport r = report(httpsTarget(), healthy());
    assertThat(r.checks()).extracting(DiagnosticCheck::id).containsExactly(CheckId.values());
    assertThat(r.checks())
        .allSatisfy(
            c ->
                assertThat(c.status())
                    .as(c.id() + ": " + c.evidence())
                    .isIn(CheckStatus.PASS, CheckStatus.SKIPPED));
    assertThat(check(r, CheckId.CA_FINGERPRINT).evidence())
        .contains("9C:0F:A4:04")
        .contains("A7:4C:AD:CE");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void httpConfigured_butTerminalSpeaksTls_failsWithSwitchToHttpsFix() {
    DiagnosticTarget t = httpsTarget();
    DiagnosticTarget http =
        new DiagnosticTarget(
            t.terminalId(), HOST, 9001, null, Transport.HTTP, true, t.posKey(), true, null, null);
    DiagnosticReport r = report(http, healthy());
    assertThat(check(r, CheckId.TLS_HANDSHAKE).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.TLS_HANDSHAKE).fix()).contains("transport to HTTPS");
    assertThat(check(r, CheckId.MMS_HTTPS).status()).isEqualTo(CheckStatus.WARN);
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void plainHttpOrTcpTerminal_warnsThatItsAnswersAreUnauthenticated_andRecommendsHttps() {
    DiagnosticTarget t = httpsTarget();
    for (Transport plain : new Transport[] {Transport.HTTP, Transport.TCP}) {
      DiagnosticTarget target =
          new DiagnosticTarget(
              t.terminalId(),
              HOST,
              plain.defaultPort(),
              null,
              plain,
              true,
              t.posKey(),
              null,
              null,
              null);
      DiagnosticCheck c = check(report(target, healthy()), CheckId.ANSWER_ASSURANCE);
      assertThat(c.status()).as(plain.name()).isEqualTo(CheckStatus.WARN);
      assertThat(c.evidence()).contains("plain " + plain, "terminal_plain");
      assertThat(c.fix()).contains("HTTPS", "Enable Https");
    }
    assertThat(check(report(t, healthy()), CheckId.ANSWER_ASSURANCE).status())
        .isEqualTo(CheckStatus.PASS);
  }

  @Test
  void httpsConfigured_butTerminalAnswersPlainHttp_failsWithEnableHttpsFix() {
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.NOT_TLS, "not an SSL/TLS record", List.of(), null)));
    DiagnosticCheck tls = check(r, CheckId.TLS_HANDSHAKE);
    assertThat(tls.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(tls.fix()).contains("Enable Https").contains("restart");
    assertThat(check(r, CheckId.CA_CHAIN).status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void mmsSaysHttpsOff_whileHubUsesHttps_fails() {
    DiagnosticTarget t = httpsTarget();
    DiagnosticTarget off =
        new DiagnosticTarget(
            t.terminalId(), HOST, 9001, null, Transport.HTTPS, true, t.posKey(), false, null, null);
    assertThat(check(report(off, healthy()), CheckId.MMS_HTTPS).status())
        .isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void leafFromAnotherCa_failsTheChainCheck() {
    PresentedCertificate foreign =
        leaf('B', "CN=Evil CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)), HOST);
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.UNTRUSTED,
                    "PKIX path building failed",
                    List.of(foreign),
                    null)));
    assertThat(check(r, CheckId.TLS_HANDSHAKE).status()).isEqualTo(CheckStatus.PASS);
    assertThat(check(r, CheckId.CA_CHAIN).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.CA_CHAIN).evidence()).contains("CN=Evil CA");
    assertThat(check(r, CheckId.LEAF_PIN).status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void caNamedQfecrWithOtherFingerprints_failsTheFingerprintCheck() {
    PresentedCertificate fakeCa =
        new PresentedCertificate(
            "CN=QFECR,OU=QF IT,O=QF",
            "CN=QFECR,OU=QF IT,O=QF",
            DiagnosticsFixtures.fp('C', 64),
            DiagnosticsFixtures.fp('C', 40),
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(900)),
            List.of(),
            true);
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.UNTRUSTED,
                    "untrusted",
                    List.of(goodLeaf(), fakeCa),
                    null)));
    assertThat(check(r, CheckId.CA_FINGERPRINT).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.CA_FINGERPRINT).evidence()).contains("9C:0F:A4:04");
  }

  @Test
  void expiredLeaf_fails_andLeafExpiringSoon_warns() {
    PresentedCertificate expired =
        leaf('A', "CN=QFECR", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)), HOST);
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.UNTRUSTED, "expired", List.of(expired), QFPAY_CA)));
    assertThat(check(r, CheckId.LEAF_VALIDITY).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.LEAF_VALIDITY).evidence()).startsWith("expired");

    PresentedCertificate soon =
        leaf('A', "CN=QFECR", NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(5)), HOST);
    DiagnosticReport r2 =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.HANDSHAKE_OK, "TLSv1.3", List.of(soon), QFPAY_CA)));
    assertThat(check(r2, CheckId.LEAF_VALIDITY).status()).isEqualTo(CheckStatus.WARN);
    assertThat(r2.exitCode()).isEqualTo(1);
  }

  @Test
  void leafForAnotherIp_failsTheSanCheck_withAddressFix() {
    PresentedCertificate moved =
        leaf(
            'A',
            "CN=QFECR",
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(99)),
            "10.0.0.9");
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.HANDSHAKE_OK, "TLSv1.3", List.of(moved), QFPAY_CA)));
    assertThat(check(r, CheckId.LEAF_SAN).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.LEAF_SAN).fix()).contains("DHCP reservation");
  }

  @Test
  void changedLeaf_failsThePinCheck() {
    PresentedCertificate other =
        leaf('D', "CN=QFECR", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(99)), HOST);
    DiagnosticReport r =
        report(
            httpsTarget(),
            withTls(
                new TlsObservation(
                    TlsObservation.Result.HANDSHAKE_OK, "TLSv1.3", List.of(other), QFPAY_CA)));
    assertThat(check(r, CheckId.LEAF_PIN).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.LEAF_PIN).fix()).contains("approve");
  }

  @Test
  void wrongKey_failsTheKeyCheck_loggedOut_failsTheLoginCheck() {
    DiagnosticReport wrong =
        report(httpsTarget(), withAnswer(new TerminalOutcome.KeyMismatch("4003", "denied")));
    assertThat(check(wrong, CheckId.ECR_KEY).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(wrong, CheckId.ECR_KEY).fix()).contains("POS Key List");

    DiagnosticReport out =
        report(httpsTarget(), withAnswer(new TerminalOutcome.LoggedOut("logged out")));
    assertThat(check(out, CheckId.APP_LOGGED_IN).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(out, CheckId.ECR_KEY).status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void publishedDefaultKey_warns() {
    DiagnosticTarget t = httpsTarget();
    DiagnosticTarget lab =
        new DiagnosticTarget(
            t.terminalId(),
            HOST,
            9001,
            null,
            Transport.HTTPS,
            true,
            PosKey.of(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY, true),
            true,
            t.appVersion(),
            t.pinnedLeaf());
    DiagnosticReport r = report(lab, healthy());
    assertThat(check(r, CheckId.ECR_KEY).status()).isEqualTo(CheckStatus.WARN);
    assertThat(check(r, CheckId.ECR_KEY).evidence())
        .doesNotContain(TerminalFixture.PUBLISHED_DEFAULT_POS_KEY);
  }

  @Test
  void unreachable_failsTcp_withServiceFixForRefused_andSkipsTheRest() {
    Observations o =
        new Observations(
            TcpObservation.failed(HOST, 9001, "Connection refused"),
            null,
            null,
            null,
            null,
            List.of());
    DiagnosticReport r = report(httpsTarget(), o);
    assertThat(check(r, CheckId.TCP_ECR_PORT).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check(r, CheckId.TCP_ECR_PORT).fix()).contains("ECR status page");
    assertThat(check(r, CheckId.TLS_HANDSHAKE).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(check(r, CheckId.ECR_KEY).status()).isEqualTo(CheckStatus.SKIPPED);

    Observations timedOut =
        new Observations(
            TcpObservation.failed(HOST, 9001, "connect timed out"),
            null,
            null,
            null,
            null,
            List.of());
    assertThat(check(report(httpsTarget(), timedOut), CheckId.TCP_ECR_PORT).fix())
        .contains("isolation")
        .contains("firewall");
  }

  @Test
  void recentAddressChange_warnsAndSuggestsDhcpReservationForTheMac() {
    Observations h = healthy();
    Observations o =
        new Observations(
            h.ecrPort(),
            null,
            h.tls(),
            h.ecrAnswer(),
            h.notifications(),
            List.of(
                new AddressSighting("10.0.0.7", null, NOW.minus(Duration.ofDays(60)), NOW),
                new AddressSighting(
                    HOST, "aa:bb:cc:dd:ee:ff", NOW.minus(Duration.ofDays(2)), NOW)));
    DiagnosticCheck c = check(report(httpsTarget(), o), CheckId.IP_STABILITY);
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.evidence()).contains("10.0.0.7").contains(HOST);
    assertThat(c.fix()).contains("DHCP").contains("aa:bb:cc:dd:ee:ff");
  }

  @Test
  void recentAddressChange_withTheMacKnownOnlyFromTheOldAddress_namesItAndWhereItWasSeen() {
    Observations h = healthy();
    Observations o =
        new Observations(
            h.ecrPort(),
            null,
            h.tls(),
            h.ecrAnswer(),
            h.notifications(),
            List.of(
                new AddressSighting(
                    "10.0.0.7", "aa:bb:cc:dd:ee:ff", NOW.minus(Duration.ofDays(60)), NOW),
                new AddressSighting(HOST, null, NOW.minus(Duration.ofDays(2)), NOW)));
    DiagnosticCheck c = check(report(httpsTarget(), o), CheckId.IP_STABILITY);
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.fix()).contains("aa:bb:cc:dd:ee:ff (seen when it answered at 10.0.0.7)");
  }

  @Test
  void notifications_neverVerified_orStale_warn() {
    Observations h = healthy();
    Observations never =
        new Observations(
            h.ecrPort(),
            null,
            h.tls(),
            h.ecrAnswer(),
            new NotificationFacts(true, "https://hub/n", null),
            h.addresses());
    assertThat(check(report(httpsTarget(), never), CheckId.NOTIFICATIONS).status())
        .isEqualTo(CheckStatus.WARN);
    Observations stale =
        new Observations(
            h.ecrPort(),
            null,
            h.tls(),
            h.ecrAnswer(),
            new NotificationFacts(true, "https://hub/n", NOW.minus(Duration.ofDays(30))),
            h.addresses());
    assertThat(check(report(httpsTarget(), stale), CheckId.NOTIFICATIONS).evidence())
        .contains("last verified");
  }

  private static DiagnosticCheck notificationCheck(NotificationFacts f) {
    Observations h = healthy();
    return check(
        report(
            httpsTarget(),
            new Observations(h.ecrPort(), null, h.tls(), h.ecrAnswer(), f, h.addresses())),
        CheckId.NOTIFICATIONS);
  }

  @Test
  void notifications_recentVerified_passWithTheTime() {
    Instant at = NOW.minus(Duration.ofHours(3));
    DiagnosticCheck c =
        notificationCheck(
            new NotificationFacts(true, "https://hub/qfpay/notify", at, at.minusSeconds(5)));
    assertThat(c.status()).isEqualTo(CheckStatus.PASS);
    assertThat(c.evidence()).contains(at.toString()).contains("https://hub/qfpay/notify");
  }

  @Test
  void notifications_paymentsButNoneArrived_warnWithTheUrlToGiveQfpay() {
    DiagnosticCheck c =
        notificationCheck(
            new NotificationFacts(
                true, "https://hub/qfpay/notify", null, NOW.minus(Duration.ofHours(1))));
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.evidence()).contains("payments succeeded");
    assertThat(c.fix()).contains("https://hub/qfpay/notify").contains("technical.support");
  }

  @Test
  void notifications_publicUrlUnknown_fixSaysHowToSetIt() {
    DiagnosticCheck c = notificationCheck(new NotificationFacts(true, null, null, null));
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.evidence()).contains("not configured");
    assertThat(c.fix()).contains("ECRHUB_NOTIFY_PUBLIC_URL").contains("<public base>/qfpay/notify");
  }

  @Test
  void notifications_noKey_warnsToEnterOne() {
    DiagnosticCheck c =
        notificationCheck(new NotificationFacts(false, "https://hub/qfpay/notify", null, null));
    assertThat(c.status()).isEqualTo(CheckStatus.WARN);
    assertThat(c.fix()).contains("ECRHUB_NOTIFY_KEYS");
  }

  @Test
  void notifications_staleWhilePaymentsContinue_warn_butStaleWithoutPayments_passes() {
    Instant last = NOW.minus(Duration.ofDays(20));
    DiagnosticCheck paying =
        notificationCheck(
            new NotificationFacts(
                true, "https://hub/qfpay/notify", last, NOW.minus(Duration.ofDays(1))));
    assertThat(paying.status()).isEqualTo(CheckStatus.WARN);
    assertThat(paying.evidence()).contains("no verified notification in the last 7 days");

    DiagnosticCheck quiet =
        notificationCheck(
            new NotificationFacts(
                true, "https://hub/qfpay/notify", last, last.minus(Duration.ofMinutes(1))));
    assertThat(quiet.status()).isEqualTo(CheckStatus.PASS);
    assertThat(quiet.evidence()).contains("no payment since");
  }

  @Test
  void oldAppOnHttps_fails() {
    DiagnosticTarget t = httpsTarget();
    DiagnosticTarget old =
        new DiagnosticTarget(
            t.terminalId(),
            HOST,
            9001,
            null,
            Transport.HTTPS,
            true,
            t.posKey(),
            true,
            io.ecrhub.domain.terminal.AppVersion.parse("4.33.24"),
            t.pinnedLeaf());
    assertThat(check(report(old, healthy()), CheckId.APP_VERSION).status())
        .isEqualTo(CheckStatus.FAIL);
  }

  private static DiagnosticTarget withVersion(Transport transport, String version) {
    DiagnosticTarget t = httpsTarget();
    return new DiagnosticTarget(
        t.terminalId(),
        HOST,
        9001,
        null,
        transport,
        true,
        t.posKey(),
        true,
        version == null ? null : io.ecrhub.domain.terminal.AppVersion.parse(version),
        t.pinnedLeaf());
  }

  @Test
  void appVersion_isCheckedAgainst4_34_12_onlyWhenKnown() {
    DiagnosticCheck atMinimum =
        check(report(withVersion(Transport.HTTPS, "4.34.12"), healthy()), CheckId.APP_VERSION);
    assertThat(atMinimum.status()).isEqualTo(CheckStatus.PASS);
    assertThat(atMinimum.evidence()).contains("4.34.12");

    DiagnosticCheck justBelow =
        check(report(withVersion(Transport.HTTPS, "4.34.11"), healthy()), CheckId.APP_VERSION);
    assertThat(justBelow.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(justBelow.evidence()).contains("4.34.11").contains("older than 4.34.12");
    assertThat(justBelow.fix()).contains("Update the Haojin app");

    DiagnosticCheck oldOnHttp =
        check(report(withVersion(Transport.HTTP, "4.33.24"), healthy()), CheckId.APP_VERSION);
    assertThat(oldOnHttp.status())
        .as("HTTP still works, HTTPS will not")
        .isEqualTo(CheckStatus.WARN);
    assertThat(oldOnHttp.evidence()).contains("no ECR over HTTPS");

    assertThat(
            check(report(withVersion(Transport.HTTPS, "5.0.1"), healthy()), CheckId.APP_VERSION)
                .status())
        .isEqualTo(CheckStatus.PASS);
    DiagnosticCheck unknown =
        check(report(withVersion(Transport.HTTPS, null), healthy()), CheckId.APP_VERSION);
    assertThat(unknown.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(unknown.evidence()).contains("version unknown");
  }
}
