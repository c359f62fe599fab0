package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.util.Objects;

/** Manual and bulk replay of dead-lettered messages (operator actions). */
public final class DeliveryReplay implements ReplayDeliveries {
  private static final int PAGE = 100;
  private final DeliveryOutbox outbox;
  private final UnitOfWork unitOfWork;
  private final Clock clock;

  public DeliveryReplay(DeliveryOutbox outbox, UnitOfWork unitOfWork, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public OutboxMessage replay(String messageId) {
    return unitOfWork.inTransaction(
        () -> {
          OutboxMessage m =
              outbox
                  .findById(messageId)
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              "DELIVERY_NOT_FOUND", "no outbox message " + messageId));
          m.replay(clock.instant());
          return outbox.save(m);
        });
  }

  @Override
  public int replayDeadLetters(String subscriptionId, int limit) {
    int replayed = 0;
    while (replayed < limit) {
      int want = Math.min(PAGE, limit - replayed);
      int done =
          unitOfWork.inTransaction(
              () -> {
                var page = outbox.list(DeliveryStatus.DEAD_LETTER, subscriptionId, null, want);
                for (OutboxMessage m : page.items()) {
                  m.replay(clock.instant());
                  outbox.save(m);
                }
                return page.items().size();
              });
      if (done == 0) {
        break;
      }
      replayed += done;
    }
    return replayed;
  }
}
