package io.ecrhub.app.health;

import io.ecrhub.app.secrets.AesGcmSecretSealer;
import io.ecrhub.domain.shared.SealedFor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the master key seals and opens a probe value (reports the key id, never the key). */
@Readiness
@ApplicationScoped
public class MasterKeyHealthCheck implements HealthCheck {
  private final AesGcmSecretSealer sealer;

  @Inject
  public MasterKeyHealthCheck(AesGcmSecretSealer sealer) {
    this.sealer = sealer;
  }

  @Override
  public HealthCheckResponse call() {
    var r =
        HealthCheckResponse.named("master-key")
            .withData("keyId", sealer.currentKeyId())
            .withData("previousKeys", sealer.keys().previousIds().size());
    try {
      String probe = "health-probe";
      SealedFor purpose = new SealedFor("health", "probe", "master_key");
      boolean ok = probe.equals(sealer.open(sealer.seal(probe, purpose), purpose));
      return r.status(ok).build();
    } catch (RuntimeException e) {
      return r.down().withData("error", "sealing round trip failed").build();
    }
  }
}
