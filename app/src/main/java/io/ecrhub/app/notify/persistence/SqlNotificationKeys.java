package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.shared.SecretSealer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Adapter: notification keys in {@code notification_key}, sealed with the master key (never stored
 * or returned in clear); re-sealed on master-key rotation.
 */
@ApplicationScoped
public class SqlNotificationKeys implements SealedSecretStore {
  private final Jdbc jdbc;
  private final SecretSealer sealer;

  /** One stored key, opened. */
  public record StoredKey(
      String id, NotificationKey key, Set<String> routes, String description, Instant createdAt) {}

  @Inject
  public SqlNotificationKeys(DataSource dataSource, SecretSealer sealer) {
    this.jdbc = new Jdbc(dataSource);
    this.sealer = sealer;
  }

  public void insert(StoredKey k) {
    jdbc.update(
        "INSERT INTO notification_key (id, sealed_key, routes, description, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        k.id(),
        sealer.seal(k.key().reveal()),
        String.join(",", k.routes()),
        k.description(),
        k.createdAt());
  }

  public boolean exists(String id) {
    return !jdbc.query("SELECT id FROM notification_key WHERE id = ?", rs -> 1, id).isEmpty();
  }

  public boolean delete(String id) {
    return jdbc.update("DELETE FROM notification_key WHERE id = ?", id) == 1;
  }

  /** Every stored key, opened, oldest first. */
  public List<StoredKey> all() {
    return jdbc.query(
        "SELECT id, sealed_key, routes, description, created_at FROM notification_key"
            + " ORDER BY created_at, id",
        rs ->
            new StoredKey(
                rs.getString("id"),
                NotificationKey.of(sealer.open(rs.getString("sealed_key"))),
                routes(rs.getString("routes")),
                rs.getString("description"),
                Jdbc.instant(rs, "created_at")));
  }

  public Optional<StoredKey> find(String id) {
    return all().stream().filter(k -> k.id().equals(id)).findFirst();
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
      if (resealer.needsReseal(row[1])) {
        String fresh = resealer.reseal(row[1]);
        QuarkusTransaction.requiringNew()
            .run(
                () ->
                    jdbc.update(
                        "UPDATE notification_key SET sealed_key = ? WHERE id = ? AND sealed_key = ?",
                        fresh,
                        row[0],
                        row[1]));
        n++;
      }
    }
    return n;
  }

  static Set<String> routes(String text) {
    if (text == null || text.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
