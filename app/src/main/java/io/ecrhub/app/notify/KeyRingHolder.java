package io.ecrhub.app.notify;

import io.ecrhub.app.notify.persistence.PanacheNotificationKeys;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.KeyRing;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The active key ring: keys from {@code ecrhub.notify.keys} plus the sealed keys of the database,
 * opened once and kept in memory; reloaded after an admin change and every 30 s (so every instance
 * sees the others' changes).
 */
@ApplicationScoped
public class KeyRingHolder {
  private static final Logger LOG = Logger.getLogger(KeyRingHolder.class);
  private final NotifyConfig config;
  private final PanacheNotificationKeys stored;
  private volatile KeyRing ring;

  @Inject
  public KeyRingHolder(NotifyConfig config, PanacheNotificationKeys stored) {
    this.config = config;
    this.stored = stored;
  }

  /** The keys to verify with now. */
  public KeyRing current() {
    KeyRing r = ring;
    if (r == null) {
      r = reload();
    }
    return r;
  }

  /** Whether the keys are in memory, so {@link #current()} does not read the database. */
  public boolean loaded() {
    return ring != null;
  }

  /** Ids of the keys given in configuration (never the keys). */
  public List<String> configuredKeyIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= config.keys().map(List::size).orElse(0); i++) {
      ids.add("config-" + i);
    }
    return ids;
  }

  /** Loads the keys at start-up, so that the intake never waits for them (a failure is retried). */
  void load(@Observes StartupEvent start) {
    refresh();
  }

  @Scheduled(
      every = "30s",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.warnf(
          "Notification keys not reloaded (%s); the previous set stays active", e.getMessage());
    }
  }

  /** Rebuilds the ring from configuration and the database. */
  public synchronized KeyRing reload() {
    List<KeyRing.Entry> entries = new ArrayList<>();
    List<String> configured = config.keys().orElse(List.of());
    for (int i = 0; i < configured.size(); i++) {
      String k = configured.get(i).trim();
      if (!k.isEmpty()) {
        entries.add(
            new KeyRing.Entry("config-" + (i + 1), NotificationKey.of(k), Set.of(), Instant.EPOCH));
      }
    }
    stored
        .all()
        .forEach(k -> entries.add(new KeyRing.Entry(k.id(), k.key(), k.routes(), k.createdAt())));
    KeyRing fresh =
        new KeyRing(entries, config.maxKeyTries(), config.allowSha256(), config.legacySignature());
    this.ring = fresh;
    return fresh;
  }
}
