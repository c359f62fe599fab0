package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * Delivers due outbox messages: claim (short transaction, optimistic so two instances never both
 * send the same attempt), call the consumer with no transaction open, then record the attempt and
 * the next state (delivered, retry per {@link BackoffSchedule}, or dead letter). Sends run on the
 * given executor so one slow consumer does not hold up the others.
 */
public final class DeliveryWorker implements DeliverWebhooks {
  private final DeliveryOutbox outbox;
  private final Subscriptions subscriptions;
  private final WebhookSender sender;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final BackoffSchedule backoff;
  private final DoubleSupplier random;
  private final Executor executor;
  private final Settings settings;

  /**
   * @param batchSize messages claimed per pass
   * @param lease how long a claim protects a message from other workers; longer than a send
   */
  public record Settings(int batchSize, Duration lease) {
    public Settings {
      if (batchSize < 1 || lease == null || lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("batch size ≥ 1 and a positive lease");
      }
    }
  }

  public DeliveryWorker(
      DeliveryOutbox outbox,
      Subscriptions subscriptions,
      WebhookSender sender,
      UnitOfWork unitOfWork,
      Clock clock,
      BackoffSchedule backoff,
      DoubleSupplier random,
      Executor executor,
      Settings settings) {
    this.outbox = Objects.requireNonNull(outbox);
    this.subscriptions = Objects.requireNonNull(subscriptions);
    this.sender = Objects.requireNonNull(sender);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.clock = Objects.requireNonNull(clock);
    this.backoff = Objects.requireNonNull(backoff);
    this.random = Objects.requireNonNull(random);
    this.executor = Objects.requireNonNull(executor);
    this.settings = Objects.requireNonNull(settings);
  }

  @Override
  public int deliverDue() {
    Instant now = clock.instant();
    List<OutboxMessage> due =
        unitOfWork.inTransaction(() -> outbox.findDue(now, settings.batchSize()));
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (OutboxMessage candidate : due) {
      Optional<OutboxMessage> claimed = claim(candidate);
      claimed.ifPresent(m -> sends.add(CompletableFuture.runAsync(() -> deliver(m), executor)));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    return sends.size();
  }

  private Optional<OutboxMessage> claim(OutboxMessage candidate) {
    try {
      return unitOfWork.inTransaction(
          () -> {
            Instant now = clock.instant();
            if (!candidate.isDue(now)) {
              return Optional.empty();
            }
            candidate.claim(now, settings.lease());
            return Optional.of(outbox.save(candidate));
          });
    } catch (ConcurrentModificationException e) {
      return Optional.empty(); // another worker claimed it first
    }
  }

  private void deliver(OutboxMessage message) {
    Optional<Subscription> subscription = subscriptions.findById(message.subscriptionId());
    if (subscription.isEmpty() || !subscription.get().active()) {
      String why =
          subscription.isEmpty()
              ? "subscription " + message.subscriptionId() + " no longer exists"
              : "subscription " + message.subscriptionId() + " is paused";
      unitOfWork.run(
          () -> {
            message.deadLetter(clock.instant(), why);
            outbox.save(message);
          });
      return;
    }
    Instant started = clock.instant();
    SendResult result;
    try {
      result = sender.send(subscription.get(), message, started);
    } catch (RuntimeException e) {
      result =
          SendResult.noResponse(
              Duration.between(started, clock.instant()),
              "sender failed: " + e.getClass().getSimpleName());
    }
    record(message, started, result);
  }

  private void record(OutboxMessage message, Instant started, SendResult result) {
    Instant now = clock.instant();
    int attemptNo = message.attempts() + 1;
    unitOfWork.run(
        () -> {
          outbox.appendAttempt(
              new DeliveryAttempt(
                  message.id(),
                  attemptNo,
                  started,
                  result.latency(),
                  result.httpStatus(),
                  result.success(),
                  result.error(),
                  result.responseSnippet()));
          if (result.success()) {
            message.delivered(now);
          } else {
            Instant first = message.firstAttemptAt().orElse(started);
            message.failed(
                now, result.error(), backoff.next(attemptNo, first, now, random.getAsDouble()));
          }
          outbox.save(message);
        });
  }
}
