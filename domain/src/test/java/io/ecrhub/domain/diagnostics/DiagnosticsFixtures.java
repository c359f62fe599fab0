package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import io.ecrhub.domain.merchant.MerchantFakes;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Facts for diagnostics tests: QFPay's CA as published, a leaf it issued, healthy observations. */
public final class DiagnosticsFixtures {
  public static final Instant NOW = MerchantFakes.T0;
  public static final String HOST = "10.0.0.10";

  public static final PresentedCertificate QFPAY_CA =
      new PresentedCertificate(
          QfpayCa.SUBJECT,
          QfpayCa.SUBJECT,
          QfpayCa.SHA256,
          QfpayCa.SHA1,
          Instant.parse("2025-07-30T09:09:04Z"),
          Instant.parse("2045-07-25T09:09:04Z"),
          List.of(),
          true);

  private DiagnosticsFixtures() {}

  public static Fingerprint fp(char c, int len) {
    return new Fingerprint(String.valueOf(c).repeat(len));
  }

  public static PresentedCertificate leaf(
      char seed, String issuer, Instant notBefore, Instant notAfter, String... sans) {
    return new PresentedCertificate(
        "CN=" + HOST,
        issuer,
        fp(seed, 64),
        fp(seed, 40),
        notBefore,
        notAfter,
        List.of(sans),
        false);
  }

  public static PresentedCertificate goodLeaf() {
    return leaf(
        'A', QfpayCa.SUBJECT, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(365)), HOST);
  }

  public static DiagnosticTarget httpsTarget() {
    return new DiagnosticTarget(
        TerminalId.of("till-a"),
        HOST,
        9001,
        null,
        Transport.HTTPS,
        true,
        MerchantFakes.key('a'),
        true,
        AppVersion.parse("4.34.12"),
        fp('A', 64));
  }

  public static Observations healthy() {
    return new Observations(
        TcpObservation.ok(HOST, 9001),
        null,
        new TlsObservation(
            TlsObservation.Result.HANDSHAKE_OK, "TLSv1.3", List.of(goodLeaf()), QFPAY_CA),
        new TerminalOutcome.NotFound("no such transaction", "6002"),
        new NotificationFacts(true, "https://hub.example/notify", NOW.minus(Duration.ofHours(2))),
        List.of(new AddressSighting(HOST, null, NOW.minus(Duration.ofDays(90)), NOW)));
  }
}
