package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one message for one subscription, with its delivery state machine (see {@link
 * DeliveryStatus}). The body is rendered when recorded and never changes; signatures are computed
 * per attempt.
 */
public final class OutboxMessage {
  private final String id;
  private final String subscriptionId;
  private final String eventType;
  private final byte[] body;
  private final Instant createdAt;
  private DeliveryStatus status;
  private int attempts;
  private Instant firstAttemptAt;
  private Instant nextAttemptAt;
  private Instant lastAttemptAt;
  private Instant deliveredAt;
  private String lastError;
  private final long version;

  private OutboxMessage(Snapshot s) {
    this.id = Objects.requireNonNull(s.id());
    this.subscriptionId = Objects.requireNonNull(s.subscriptionId());
    this.eventType = Objects.requireNonNull(s.eventType());
    this.body = s.body() == null ? new byte[0] : s.body().clone();
    this.createdAt = Objects.requireNonNull(s.createdAt());
    this.status = Objects.requireNonNull(s.status());
    this.attempts = s.attempts();
    this.firstAttemptAt = s.firstAttemptAt();
    this.nextAttemptAt = s.nextAttemptAt();
    this.lastAttemptAt = s.lastAttemptAt();
    this.deliveredAt = s.deliveredAt();
    this.lastError = s.lastError();
    this.version = s.version();
  }

  /** A new message, due at once. */
  public static OutboxMessage record(
      String id, String subscriptionId, String eventType, byte[] body, Instant now) {
    return new OutboxMessage(
        new Snapshot(
            id,
            subscriptionId,
            eventType,
            body,
            now,
            DeliveryStatus.RECORDED,
            0,
            null,
            now,
            null,
            null,
            null,
            0));
  }

  public static OutboxMessage restore(Snapshot s) {
    return new OutboxMessage(s);
  }

  /** Whether a worker may claim it now (due, or its previous worker's lease has expired). */
  public boolean isDue(Instant now) {
    return switch (status) {
      case RECORDED, RETRY_SCHEDULED, DELIVERING -> !nextAttemptAt.isAfter(now);
      case DELIVERED, DEAD_LETTER -> false;
    };
  }

  /** Takes the message for one attempt; another worker cannot claim it until the lease ends. */
  public void claim(Instant now, Duration lease) {
    if (!isDue(now)) {
      throw refused("claim");
    }
    status = DeliveryStatus.DELIVERING;
    nextAttemptAt = now.plus(lease);
    if (firstAttemptAt == null) {
      firstAttemptAt = now;
    }
  }

  /** The consumer acknowledged the attempt. */
  public void delivered(Instant now) {
    requireDelivering("deliver");
    attempts++;
    status = DeliveryStatus.DELIVERED;
    lastAttemptAt = now;
    deliveredAt = now;
    nextAttemptAt = null;
    lastError = null;
  }

  /**
   * The attempt failed: schedule the next one, or dead-letter it when {@code nextAttempt} is empty.
   */
  public void failed(Instant now, String error, Optional<Instant> nextAttempt) {
    requireDelivering("fail");
    attempts++;
    lastAttemptAt = now;
    lastError = error;
    if (nextAttempt.isPresent()) {
      status = DeliveryStatus.RETRY_SCHEDULED;
      nextAttemptAt = nextAttempt.get();
    } else {
      status = DeliveryStatus.DEAD_LETTER;
      nextAttemptAt = null;
    }
  }

  /** Gives up without an attempt (subscription deleted or paused). */
  public void deadLetter(Instant now, String why) {
    if (status == DeliveryStatus.DELIVERED) {
      throw refused("dead-letter");
    }
    status = DeliveryStatus.DEAD_LETTER;
    lastError = why;
    nextAttemptAt = null;
  }

  /** Manual replay: a dead-lettered or delivered message is due again with a fresh schedule. */
  public void replay(Instant now) {
    if (status != DeliveryStatus.DEAD_LETTER && status != DeliveryStatus.DELIVERED) {
      throw refused("replay");
    }
    status = DeliveryStatus.RECORDED;
    attempts = 0;
    firstAttemptAt = null;
    nextAttemptAt = now;
    deliveredAt = null;
  }

  private void requireDelivering(String what) {
    if (status != DeliveryStatus.DELIVERING) {
      throw refused(what);
    }
  }

  private DomainException refused(String what) {
    return new DomainException(
        "ILLEGAL_DELIVERY_TRANSITION", "cannot " + what + " message " + id + " in " + status);
  }

  public Snapshot snapshot() {
    return new Snapshot(
        id,
        subscriptionId,
        eventType,
        body,
        createdAt,
        status,
        attempts,
        firstAttemptAt,
        nextAttemptAt,
        lastAttemptAt,
        deliveredAt,
        lastError,
        version);
  }

  public String id() {
    return id;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public String eventType() {
    return eventType;
  }

  public byte[] body() {
    return body.clone();
  }

  public Instant createdAt() {
    return createdAt;
  }

  public DeliveryStatus status() {
    return status;
  }

  /** Attempts completed in the current schedule (reset by a replay). */
  public int attempts() {
    return attempts;
  }

  public Optional<Instant> firstAttemptAt() {
    return Optional.ofNullable(firstAttemptAt);
  }

  /** When it is due (or, while DELIVERING, when the worker's lease ends). */
  public Optional<Instant> nextAttemptAt() {
    return Optional.ofNullable(nextAttemptAt);
  }

  public Optional<Instant> lastAttemptAt() {
    return Optional.ofNullable(lastAttemptAt);
  }

  public Optional<Instant> deliveredAt() {
    return Optional.ofNullable(deliveredAt);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public long version() {
    return version;
  }

  /** The full persistent state of a message. */
  public record Snapshot(
      String id,
      String subscriptionId,
      String eventType,
      byte[] body,
      Instant createdAt,
      DeliveryStatus status,
      int attempts,
      Instant firstAttemptAt,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Instant deliveredAt,
      String lastError,
      long version) {}
}
