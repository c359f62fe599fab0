package io.ecrhub.app.secrets;

import io.ecrhub.app.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Use case: master-key rotation and the one-time format upgrade. With the new key as {@code
 * ecrhub.secrets.master-key} and the old one in {@code ecrhub.secrets.previous-keys}, every stored
 * secret is re-sealed under the new key (at start-up, or on demand by an admin); afterwards the old
 * key can be dropped. At the first start after the upgrade to row-bound seals (ADR 0011), values of
 * the old format are re-sealed bound to their rows, once; then that format is refused.
 */
@ApplicationScoped
public class RotateMasterKey {
  private static final Logger LOG = Logger.getLogger(RotateMasterKey.class);

  private final AesGcmSecretSealer sealer;
  private final Instance<SealedSecretStore> stores;
  private final HubConfig config;
  private final SealFormat format;

  @Inject
  public RotateMasterKey(
      AesGcmSecretSealer sealer,
      Instance<SealedSecretStore> stores,
      HubConfig config,
      SealFormat format) {
    this.sealer = sealer;
    this.stores = stores;
    this.config = config;
    this.format = format;
  }

  /** Re-seals every secret of every store; returns how many changed. */
  public int resealAll() {
    return resealAll(sealer);
  }

  private int resealAll(Resealer resealer) {
    int total = 0;
    for (SealedSecretStore store : stores) {
      int n = store.resealAll(resealer);
      if (n > 0) {
        LOG.infof("Re-sealed %d %s under master key %s", n, store.name(), sealer.currentKeyId());
      }
      total += n;
    }
    return total;
  }

  /**
   * The one-time upgrade to row-bound seals: unless already recorded, re-seals every old-format
   * value bound to the row it is in, and records the upgrade when every old value opened (else it
   * is tried again at the next start, e.g. once the missing earlier master key is configured).
   *
   * @return how many values were re-sealed (0 when the upgrade was done before)
   */
  public int upgradeFormat() {
    if (format.upgraded()) {
      return 0;
    }
    AesGcmSecretSealer.Upgrade upgrade = sealer.upgrading();
    int n = resealAll(upgrade);
    if (upgrade.legacyFailures() == 0) {
      format.markUpgraded();
      LOG.infof("Sealed secrets: %d value(s) re-sealed bound to their rows; upgrade recorded", n);
    } else {
      LOG.warnf(
          "Sealed secrets: %d old-format value(s) did not open and were left as they are (see the"
              + " warnings above); the upgrade runs again at the next start",
          upgrade.legacyFailures());
    }
    return n;
  }

  /** Runs before other start-up observers, so none reads an old-format value first. */
  void onStart(@Observes @Priority(100) StartupEvent ev) {
    upgradeFormat();
    if (config.secrets().resealOnStart() && !sealer.keys().previousIds().isEmpty()) {
      int n = resealAll();
      LOG.infof(
          "Master key rotation: %d secret(s) re-sealed; earlier keys %s can be removed once every"
              + " instance runs with key %s",
          n, sealer.keys().previousIds(), sealer.currentKeyId());
    }
  }
}
