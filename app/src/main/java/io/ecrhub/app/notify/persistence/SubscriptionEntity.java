package io.ecrhub.app.notify.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code webhook_subscription}: the secret sealed for this row, never in clear. */
@Entity
@Table(name = "webhook_subscription")
class SubscriptionEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "target_url")
  String targetUrl;

  /** The event filter's written-out form ({@code EventFilter.text()}). */
  @Column(name = "events")
  String events;

  @Column(name = "format")
  String format;

  @Column(name = "sealed_secret")
  String sealedSecret;

  @Column(name = "allow_private")
  boolean allowPrivate;

  @Column(name = "active")
  boolean active;

  @Column(name = "description")
  String description;

  @Column(name = "created_at")
  Instant createdAt;

  /** The secret a rotation replaced, sealed for this row's {@code previous_sealed_secret}. */
  @Column(name = "previous_sealed_secret")
  String previousSealedSecret;

  /** When the previous secret stops signing; null exactly when there is none. */
  @Column(name = "previous_secret_until")
  Instant previousSecretUntil;
}
