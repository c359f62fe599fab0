package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.NotificationKeys;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Adapter: notification keys in {@code notification_key}, sealed with the master key (never stored
 * or returned in clear); re-sealed on master-key rotation.
 */
@ApplicationScoped
public class SqlNotificationKeys implements NotificationKeys, SealedSecretStore {
  private static final Logger LOG = Logger.getLogger(SqlNotificationKeys.class);
  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();
  private final Jdbc jdbc;
  private final SecretSealer sealer;

  @Inject
  public SqlNotificationKeys(DataSource dataSource, SecretSealer sealer) {
    this.jdbc = new Jdbc(dataSource);
    this.sealer = sealer;
  }

  @Override
  public void insert(StoredKey k) {
    jdbc.update(
        "INSERT INTO notification_key (id, sealed_key, routes, description, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        k.id(),
        sealer.seal(k.key().reveal(), sealedFor(k.id())),
        String.join(",", k.routes()),
        k.description(),
        k.createdAt());
  }

  @Override
  public boolean exists(String id) {
    return !jdbc.query("SELECT id FROM notification_key WHERE id = ?", rs -> 1, id).isEmpty();
  }

  @Override
  public boolean delete(String id) {
    return jdbc.update("DELETE FROM notification_key WHERE id = ?", id) == 1;
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
    List<StoredKey> keys =
        jdbc.query(
            "SELECT id, sealed_key, routes, description, created_at FROM notification_key"
                + " ORDER BY created_at, id",
            rs -> {
              String id = rs.getString("id");
              String sealed = rs.getString("sealed_key");
              NotificationKey key;
              try {
                key = NotificationKey.of(sealer.open(sealed, sealedFor(id)));
              } catch (SealingException e) {
                if (UNREADABLE_LOGGED.add(id + "|" + sealed)) {
                  LOG.warnf("notification key %s is not used: %s", id, e.getMessage());
                }
                return null;
              }
              return new StoredKey(
                  id,
                  key,
                  routes(rs.getString("routes")),
                  rs.getString("description"),
                  Jdbc.instant(rs, "created_at"));
            });
    return keys.stream().filter(Objects::nonNull).toList();
  }

  @Override
  public String name() {
    return "notification keys";
  }

  @Override
  public int resealAll(Resealer resealer) {
    List<String[]> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    jdbc.query(
                        "SELECT id, sealed_key FROM notification_key",
                        rs -> new String[] {rs.getString("id"), rs.getString("sealed_key")}));
    int n = 0;
    for (String[] row : rows) {
      if (BatchReseal.safely(name(), row[0], id -> reseal(resealer, row))) {
        n++;
      }
    }
    return n;
  }

  private boolean reseal(Resealer resealer, String[] row) {
    if (!resealer.needsReseal(row[1])) {
      return false;
    }
    String fresh = resealer.reseal(row[1], sealedFor(row[0]));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                jdbc.update(
                    "UPDATE notification_key SET sealed_key = ? WHERE id = ? AND sealed_key = ?",
                    fresh,
                    row[0],
                    row[1]));
    return true;
  }

  static Set<String> routes(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
