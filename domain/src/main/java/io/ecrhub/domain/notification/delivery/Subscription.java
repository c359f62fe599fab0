package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A downstream consumer: where to deliver, which events, in which format, signed with which secret.
 * After a rotation the replaced secret still signs until {@code previousSecretUntil} (the overlap
 * window), so a consumer can switch to the new secret without missing a delivery.
 *
 * @param allowPrivateTarget an admin explicitly allowed a loopback, link-local or private target
 * @param active paused subscriptions get nothing new recorded
 * @param previousSecret the secret a rotation replaced, or null
 * @param previousSecretUntil when {@code previousSecret} stops signing; null exactly when it is
 */
public record Subscription(
    String id,
    URI target,
    EventFilter events,
    DeliveryFormat format,
    WebhookSecret secret,
    boolean allowPrivateTarget,
    boolean active,
    String description,
    Instant createdAt,
    WebhookSecret previousSecret,
    Instant previousSecretUntil) {
  private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

  public Subscription {
    ValidationException.require(
        id != null && id.matches("[a-z0-9_-]{1,64}"),
        "INVALID_SUBSCRIPTION_ID",
        "id",
        "subscription id must be 1-64 of a-z, 0-9, _ or -");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    checkTarget(target);
    ValidationException.require(
        description == null || description.length() <= 200,
        "INVALID_DESCRIPTION",
        "description",
        "description must be at most 200 characters");
    if ((previousSecret == null) != (previousSecretUntil == null)) {
      throw new IllegalArgumentException("a previous secret comes with the end of its overlap");
    }
  }

  /** A subscription with one secret (no rotation under way). */
  public Subscription(
      String id,
      URI target,
      EventFilter events,
      DeliveryFormat format,
      WebhookSecret secret,
      boolean allowPrivateTarget,
      boolean active,
      String description,
      Instant createdAt) {
    this(
        id,
        target,
        events,
        format,
        secret,
        allowPrivateTarget,
        active,
        description,
        createdAt,
        null,
        null);
  }

  /**
   * The secrets that sign a delivery made at {@code now}: the current one first, then the previous
   * one while its overlap window lasts.
   */
  public List<WebhookSecret> signingSecrets(Instant now) {
    List<WebhookSecret> secrets = new ArrayList<>(2);
    secrets.add(secret);
    if (previousSecret != null && now.isBefore(previousSecretUntil)) {
      secrets.add(previousSecret);
    }
    return List.copyOf(secrets);
  }

  /**
   * The same subscription signing with {@code fresh} from now on and with the current secret as
   * well until {@code now + overlap}. A secret still in its overlap from an earlier rotation is
   * dropped: at most two secrets sign at any time. A zero overlap switches at once.
   */
  public Subscription rotated(WebhookSecret fresh, Instant now, Duration overlap) {
    Objects.requireNonNull(fresh, "fresh");
    if (format != DeliveryFormat.HUB_EVENTS) {
      throw new DomainException(
          "SECRET_ROTATION_UNSUPPORTED",
          "format",
          "only hub-events subscriptions rotate: a qfpay-format subscription signs with the"
              + " consumer's own notification key (change it with PATCH when the consumer does)");
    }
    boolean overlapping = overlap != null && overlap.isPositive();
    return new Subscription(
        id,
        target,
        events,
        format,
        fresh,
        allowPrivateTarget,
        active,
        description,
        createdAt,
        overlapping ? secret : null,
        overlapping ? now.plus(overlap) : null);
  }

  /** The same subscription with a secret an admin set: it alone signs, at once. */
  public Subscription withSecret(WebhookSecret replacement) {
    return new Subscription(
        id,
        target,
        events,
        format,
        replacement,
        allowPrivateTarget,
        active,
        description,
        createdAt,
        null,
        null);
  }

  /** Refuses anything but an absolute http(s) URL without credentials or fragment. */
  public static void checkTarget(URI target) {
    ValidationException.require(
        target != null
            && target.isAbsolute()
            && target.getScheme() != null
            && HTTP_SCHEMES.contains(target.getScheme().toLowerCase(Locale.ROOT))
            && target.getHost() != null
            && target.getRawUserInfo() == null
            && target.getRawFragment() == null
            && target.toString().length() <= 2000,
        "INVALID_TARGET",
        "target",
        "target must be an absolute http:// or https:// URL with a host, without user info or"
            + " fragment, at most 2000 characters");
  }

  /** The same subscription, paused or resumed. */
  public Subscription withActive(boolean newActive) {
    return new Subscription(
        id,
        target,
        events,
        format,
        secret,
        allowPrivateTarget,
        newActive,
        description,
        createdAt,
        previousSecret,
        previousSecretUntil);
  }

  @Override
  public String toString() {
    return "Subscription["
        + id
        + " "
        + format.wire()
        + " "
        + target
        + " "
        + events.patterns()
        + "]";
  }
}
