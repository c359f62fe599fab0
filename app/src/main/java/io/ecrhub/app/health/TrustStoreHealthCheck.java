package io.ecrhub.app.health;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import io.ecrhub.domain.certificate.TrustAnchors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the terminal trust store holds QFPay's CA with its published fingerprint, and no
 * anchor has expired.
 */
@Readiness
@ApplicationScoped
public class TrustStoreHealthCheck implements HealthCheck {
  private final TrustAnchors anchors;
  private final Clock clock;

  @Inject
  public TrustStoreHealthCheck(TrustAnchors anchors, Clock clock) {
    this.anchors = anchors;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    var r = HealthCheckResponse.named("terminal-trust-store");
    try {
      X509Certificate qfpay = anchors.qfpayCa();
      boolean genuine = QfpayCa.SHA256.equals(Fingerprint.sha256(qfpay.getEncoded()));
      Date now = Date.from(clock.instant());
      long expired = anchors.anchors().stream().filter(c -> c.getNotAfter().before(now)).count();
      return r.withData("qfpayCaSha256", QfpayCa.SHA256.hex())
          .withData("anchors", anchors.anchors().size())
          .withData("expiredAnchors", expired)
          .status(genuine && expired == 0)
          .build();
    } catch (CertificateEncodingException | RuntimeException e) {
      return r.down().withData("error", "trust anchors unreadable").build();
    }
  }
}
