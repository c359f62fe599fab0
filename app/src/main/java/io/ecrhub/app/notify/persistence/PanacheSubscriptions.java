package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.notify.persistence.NotifyRepositories.SubscriptionRepository;
import io.ecrhub.app.persistence.Times;
import io.ecrhub.app.secrets.Resealer;
import io.ecrhub.app.secrets.SealedSecretStore;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.net.URI;
import java.security.SecureRandom;
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
import org.jboss.logging.Logger;

/**
 * Adapter: webhook subscriptions in {@code webhook_subscription}, secrets sealed with the master
 * key. The list is cached for a few seconds (fan-out reads it on every notification) and dropped on
 * every change made through this instance.
 */
@ApplicationScoped
@Transactional
public class PanacheSubscriptions implements Subscriptions, SealedSecretStore {
  private static final Logger LOG = Logger.getLogger(PanacheSubscriptions.class);
  private static final Set<String> UNREADABLE_LOGGED = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CACHE = Duration.ofSeconds(5);
  private static final SealedColumnReseal.Column SEALED =
      new SealedColumnReseal.Column(
          "SubscriptionEntity", "sealedSecret", PanacheSubscriptions::sealedFor);
  private static final SealedColumnReseal.Column PREVIOUS_SEALED =
      new SealedColumnReseal.Column(
          "SubscriptionEntity", "previousSealedSecret", PanacheSubscriptions::previousSealedFor);
  private final SubscriptionRepository repo;
  private final SecretSealer sealer;
  private final SealedColumnReseal reseal;
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
  PanacheSubscriptions(
      SubscriptionRepository repo, SecretSealer sealer, SealedColumnReseal reseal, Clock clock) {
    this.repo = repo;
    this.sealer = sealer;
    this.reseal = reseal;
    this.clock = clock;
  }

  @Override
  public Subscription save(Subscription s) {
    SubscriptionEntity row = repo.findById(s.id());
    boolean fresh = row == null;
    if (fresh) {
      row = new SubscriptionEntity();
      row.id = s.id();
      row.createdAt = Times.db(s.createdAt());
    }
    row.targetUrl = s.target().toString();
    row.events = s.events().text();
    row.format = s.format().wire();
    row.sealedSecret = sealer.seal(s.secret().reveal(), sealedFor(s.id()));
    row.previousSealedSecret =
        s.previousSecret() == null
            ? null
            : sealer.seal(s.previousSecret().reveal(), previousSealedFor(s.id()));
    row.previousSecretUntil = Times.db(s.previousSecretUntil());
    row.allowPrivate = s.allowPrivateTarget();
    row.active = s.active();
    row.description = s.description();
    if (fresh) {
      repo.persist(row);
    }
    repo.flush(); // a value that does not fit fails here, in the caller's save
    cached = null;
    return s;
  }

  @Override
  public Optional<Subscription> findById(String id) {
    return repo.findByIdOptional(id).map(this::toDomain);
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
        repo.find("order by createdAt, id").stream().map(this::toDomain).toList();
    Cached fresh = Cached.of(all, now.plus(CACHE));
    cached = fresh;
    return fresh;
  }

  @Override
  public boolean delete(String id) {
    boolean gone = repo.deleteById(id);
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

  private static SealedFor previousSealedFor(String id) {
    return new SealedFor("webhook_subscription", "previous_sealed_secret", id);
  }

  /**
   * The previous secret while its overlap lasts; null once it has ended, or when it does not open
   * (then only the current secret signs, and the reason is logged once).
   */
  private WebhookSecret previousSecret(SubscriptionEntity row) {
    if (row.previousSealedSecret == null
        || row.previousSecretUntil == null
        || !clock.instant().isBefore(row.previousSecretUntil)) {
      return null;
    }
    try {
      return WebhookSecret.of(sealer.open(row.previousSealedSecret, previousSealedFor(row.id)));
    } catch (SealingException e) {
      if (UNREADABLE_LOGGED.add(row.id + "|" + row.previousSealedSecret)) {
        LOG.warnf(
            "webhook subscription %s signs with its current secret only: its previous one does"
                + " not open (%s)",
            row.id, e.getMessage());
      }
      return null;
    }
  }

  /**
   * One subscription; one whose secret does not open (sealed for another row, tampered with, or
   * under a master key that is not configured) is read as inactive, so nothing is signed with it,
   * and logged once by id and reason.
   */
  private Subscription toDomain(SubscriptionEntity row) {
    WebhookSecret secret;
    boolean active = row.active;
    boolean opened = true;
    try {
      secret = WebhookSecret.of(sealer.open(row.sealedSecret, sealedFor(row.id)));
    } catch (SealingException e) {
      if (UNREADABLE_LOGGED.add(row.id + "|" + row.sealedSecret)) {
        LOG.warnf("webhook subscription %s is read as inactive: %s", row.id, e.getMessage());
      }
      byte[] standIn = new byte[32]; // matches nothing; the subscription is inactive
      RANDOM.nextBytes(standIn);
      secret = WebhookSecret.of(HexFormat.of().formatHex(standIn));
      active = false;
      opened = false;
    }
    WebhookSecret previous = opened ? previousSecret(row) : null;
    return new Subscription(
        row.id,
        URI.create(row.targetUrl),
        new EventFilter(Set.of(row.events.split(","))),
        DeliveryFormat.fromWire(row.format),
        secret,
        row.allowPrivate,
        active,
        row.description,
        row.createdAt,
        previous,
        previous == null ? null : row.previousSecretUntil);
  }

  @Override
  public String name() {
    return "webhook subscription secrets";
  }

  /** Each row is re-sealed in its own transaction ({@link SealedColumnReseal}). */
  @Override
  @Transactional(TxType.NOT_SUPPORTED)
  public int resealAll(Resealer resealer) {
    int n =
        reseal.resealAll(name(), SEALED, resealer)
            + reseal.resealAll(name(), PREVIOUS_SEALED, resealer);
    cached = null;
    return n;
  }
}
