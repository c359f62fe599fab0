package io.ecrhub.app.secrets;

import io.ecrhub.app.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Use case: master-key rotation. With the new key as {@code ecrhub.secrets.master-key} and the old
 * one in {@code ecrhub.secrets.previous-keys}, every stored secret is re-sealed under the new key
 * (at start-up, or on demand by an admin); afterwards the old key can be dropped.
 */
@ApplicationScoped
public class RotateMasterKey {
  private static final Logger LOG = Logger.getLogger(RotateMasterKey.class);

  private final AesGcmSecretSealer sealer;
  private final Instance<SealedSecretStore> stores;
  private final HubConfig config;

  @Inject
  public RotateMasterKey(
      AesGcmSecretSealer sealer, Instance<SealedSecretStore> stores, HubConfig config) {
    this.sealer = sealer;
    this.stores = stores;
    this.config = config;
  }

  /** Re-seals every secret of every store; returns how many changed. */
  public int resealAll() {
    int total = 0;
    for (SealedSecretStore store : stores) {
      int n = store.resealAll(sealer);
      if (n > 0) {
        LOG.infof("Re-sealed %d %s under master key %s", n, store.name(), sealer.currentKeyId());
      }
      total += n;
    }
    return total;
  }

  void onStart(@Observes StartupEvent ev) {
    if (config.secrets().resealOnStart() && !sealer.keys().previousIds().isEmpty()) {
      int n = resealAll();
      LOG.infof(
          "Master key rotation: %d secret(s) re-sealed; earlier keys %s can be removed once every"
              + " instance runs with key %s",
          n, sealer.keys().previousIds(), sealer.currentKeyId());
    }
  }
}
