package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.notify.persistence.NotifyRepositories.NotificationKeyRepository;
import io.ecrhub.app.persistence.Times;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.NotificationKeys;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Adapter: notification keys in {@code notification_key}, sealed with the master key (never stored
 * or returned in clear); re-sealed on master-key rotation.
 */
@ApplicationScoped
@Transactional
public class PanacheNotificationKeys implements NotificationKeys, SealedSecretStore {
  private static final Logger LOG = Logger.getLogger(PanacheNotificationKeys.class);
  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();
  private static final SealedColumnReseal.Column SEALED =
      new SealedColumnReseal.Column(
          "NotificationKeyEntity", "sealedKey", PanacheNotificationKeys::sealedFor);
  private final NotificationKeyRepository repo;
  private final SecretSealer sealer;
  private final SealedColumnReseal reseal;

  @Inject
  PanacheNotificationKeys(
      NotificationKeyRepository repo, SecretSealer sealer, SealedColumnReseal reseal) {
    this.repo = repo;
    this.sealer = sealer;
    this.reseal = reseal;
  }

  @Override
  public void insert(StoredKey k) {
    NotificationKeyEntity row = new NotificationKeyEntity();
    row.id = k.id();
    row.sealedKey = sealer.seal(k.key().reveal(), sealedFor(k.id()));
    row.routes = String.join(",", k.routes());
    row.description = k.description();
    row.createdAt = Times.db(k.createdAt());
    repo.persist(row);
    repo.flush(); // a taken id fails here, in the caller's insert
  }

  @Override
  public boolean exists(String id) {
    return repo.count("id", id) > 0;
  }

  /** Whether any key is stored (opened or not). */
  public boolean any() {
    return repo.count() > 0;
  }

  @Override
  public boolean delete(String id) {
    return repo.deleteById(id);
  }

  private static SealedFor sealedFor(String id) {
    return new SealedFor("notification_key", "sealed_key", id);
  }

  /**
   * Every stored key that opens, oldest first. A key that does not open (sealed for another row,
   * tampered with, or under a master key that is not configured) verifies nothing: it is left out
   * and logged once, by id and reason, never by value.
   */
  @Override
  public List<StoredKey> all() {
    return repo.find("order by createdAt, id").stream()
        .map(this::opened)
        .filter(Objects::nonNull)
        .toList();
  }

  private StoredKey opened(NotificationKeyEntity row) {
    NotificationKey key;
    try {
      key = NotificationKey.of(sealer.open(row.sealedKey, sealedFor(row.id)));
    } catch (SealingException e) {
      if (UNREADABLE_LOGGED.add(row.id + "|" + row.sealedKey)) {
        LOG.warnf("notification key %s is not used: %s", row.id, e.getMessage());
      }
      return null;
    }
    return new StoredKey(row.id, key, routes(row.routes), row.description, row.createdAt);
  }

  @Override
  public Optional<StoredKey> find(String id) {
    return all().stream().filter(k -> k.id().equals(id)).findFirst();
  }

  @Override
  public String name() {
    return "notification keys";
  }

  /** Each row is re-sealed in its own transaction ({@link SealedColumnReseal}). */
  @Override
  @Transactional(TxType.NOT_SUPPORTED)
  public int resealAll(Resealer resealer) {
    return reseal.resealAll(name(), SEALED, resealer);
  }

  static Set<String> routes(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
