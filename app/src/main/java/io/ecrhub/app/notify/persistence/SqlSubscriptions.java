package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.secrets.BatchReseal;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.SealedFor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Adapter: webhook subscriptions in {@code webhook_subscription}, secrets sealed with the master
 * key. The list is cached for a few seconds (fan-out reads it on every notification) and dropped on
 * every change made through this instance.
 */
@ApplicationScoped
public class SqlSubscriptions implements Subscriptions, SealedSecretStore {
  private static final Logger LOG = Logger.getLogger(SqlSubscriptions.class);
  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CACHE = Duration.ofSeconds(5);
  private final Jdbc jdbc;
  private final io.ecrhub.domain.shared.SecretSealer sealer;
  private final Clock clock;
  private volatile Cached cached;

  private record Cached(
      List<Subscription> all, Map<DeliveryFormat, List<Subscription>> active, Instant until) {
    static Cached of(List<Subscription> all, Instant until) {
      Map<DeliveryFormat, List<Subscription>> active = new EnumMap<>(DeliveryFormat.class);
      for (DeliveryFormat f : DeliveryFormat.values()) {
        active.put(f, all.stream().filter(s -> s.active() && s.format() == f).toList());
      }
      return new Cached(all, active, until);
    }
  }

  @Inject
  public SqlSubscriptions(
      DataSource dataSource, io.ecrhub.domain.shared.SecretSealer sealer, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.sealer = sealer;
    this.clock = clock;
  }

  @Override
  public Subscription save(Subscription s) {
    int updated =
        jdbc.update(
            "UPDATE webhook_subscription SET target_url = ?, events = ?, format = ?,"
                + " sealed_secret = ?, allow_private = ?, active = ?, description = ? WHERE id = ?",
            s.target().toString(),
            s.events().text(),
            s.format().wire(),
            sealer.seal(s.secret().reveal(), sealedFor(s.id())),
            s.allowPrivateTarget(),
            s.active(),
            s.description(),
            s.id());
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO webhook_subscription (id, target_url, events, format, sealed_secret,"
              + " allow_private, active, description, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          s.id(),
          s.target().toString(),
          s.events().text(),
          s.format().wire(),
          sealer.seal(s.secret().reveal(), sealedFor(s.id())),
          s.allowPrivateTarget(),
          s.active(),
          s.description(),
          s.createdAt());
    }
    cached = null;
    return s;
  }

  @Override
  public Optional<Subscription> findById(String id) {
    List<Subscription> rows =
        jdbc.query("SELECT * FROM webhook_subscription WHERE id = ?", this::row, id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @Override
  public List<Subscription> list() {
    return current().all();
  }

  /** The active subscriptions of one format, from the same cache (read on every notification). */
  @Override
  public List<Subscription> active(DeliveryFormat format) {
    return current().active().get(format);
  }

  private Cached current() {
    Cached c = cached;
    Instant now = clock.instant();
    if (c != null && now.isBefore(c.until())) {
      return c;
    }
    List<Subscription> all =
        List.copyOf(
            jdbc.query("SELECT * FROM webhook_subscription ORDER BY created_at, id", this::row));
    Cached fresh = Cached.of(all, now.plus(CACHE));
    cached = fresh;
    return fresh;
  }

  @Override
  public boolean delete(String id) {
    boolean gone = jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id) == 1;
    cached = null;
    return gone;
  }

  /** Drops the cache (tests and admin changes on other instances are seen within seconds). */
  @Override
  public void invalidate() {
    cached = null;
  }

  private static SealedFor sealedFor(String id) {
    return new SealedFor("webhook_subscription", "sealed_secret", id);
  }

  /**
   * One subscription; one whose secret does not open (sealed for another row, tampered with, or
   * under a master key that is not configured) is read as inactive, so nothing is signed with it,
   * and logged once by id and reason.
   */
  private Subscription row(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String sealed = rs.getString("sealed_secret");
    WebhookSecret secret;
    boolean active = rs.getBoolean("active");
    try {
      secret = WebhookSecret.of(sealer.open(sealed, sealedFor(id)));
    } catch (SealingException e) {
      if (UNREADABLE_LOGGED.add(id + "|" + sealed)) {
        LOG.warnf("webhook subscription %s is read as inactive: %s", id, e.getMessage());
      }
      byte[] standIn = new byte[32]; // matches nothing; the subscription is inactive
      RANDOM.nextBytes(standIn);
      secret = WebhookSecret.of(HexFormat.of().formatHex(standIn));
      active = false;
    }
    return new Subscription(
        id,
        URI.create(rs.getString("target_url")),
        new EventFilter(Set.of(rs.getString("events").split(","))),
        DeliveryFormat.fromWire(rs.getString("format")),
        secret,
        rs.getBoolean("allow_private"),
        active,
        rs.getString("description"),
        Jdbc.instant(rs, "created_at"));
  }

  @Override
  public String name() {
    return "webhook subscription secrets";
  }

  @Override
  public int resealAll(Resealer resealer) {
    List<String[]> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    jdbc.query(
                        "SELECT id, sealed_secret FROM webhook_subscription",
                        rs -> new String[] {rs.getString("id"), rs.getString("sealed_secret")}));
    int n = 0;
    for (String[] row : rows) {
      if (BatchReseal.safely(name(), row[0], id -> reseal(resealer, row))) {
        n++;
      }
    }
    cached = null;
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
                    "UPDATE webhook_subscription SET sealed_secret = ?"
                        + " WHERE id = ? AND sealed_secret = ?",
                    fresh,
                    row[0],
                    row[1]));
    return true;
  }
}
