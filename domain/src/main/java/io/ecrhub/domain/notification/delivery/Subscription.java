package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ValidationException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A downstream consumer: where to deliver, which events, in which format, signed with which secret.
 *
 * @param allowPrivateTarget an admin explicitly allowed a loopback, link-local or private target
 * @param active paused subscriptions get nothing new recorded
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
    Instant createdAt) {
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
        id, target, events, format, secret, allowPrivateTarget, newActive, description, createdAt);
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
