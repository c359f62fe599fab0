package io.ecrhub.app.secrets;

import io.ecrhub.app.config.HubConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wires the {@link AesGcmSecretSealer} from configuration, eagerly: a hub without a usable master
 * key stops at start-up with one line saying what to set.
 */
public class SecretsProducer {
  private static final Logger LOG = Logger.getLogger(SecretsProducer.class);

  @Produces
  @Singleton
  @Startup
  AesGcmSecretSealer sealer(HubConfig config) {
    HubConfig.Secrets s = config.secrets();
    boolean mayUseKeyFile = s.generateKeyFile() || config.demo();
    MasterKeys keys =
        MasterKeyLoader.load(
            s.masterKey(), s.previousKeys().orElse(List.of()), s.keyFile(), mayUseKeyFile);
    LOG.infof(
        "Secrets are sealed with AES-256-GCM under master key %s (%d earlier key(s) accepted)",
        keys.currentId(), keys.previousIds().size());
    return new AesGcmSecretSealer(keys);
  }
}
