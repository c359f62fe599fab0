package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.ForwardingPayments;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the notification tests need beyond the test-jar's fakes ({@code io.ecrhub.domain.testing}):
 * payments whose next saves can be made to lose, a unit of work that counts commits, and the events
 * published.
 */
final class Fakes {
  private Fakes() {}

  /** The test-jar's payments, plus a switch that makes the next saves lose to another instance. */
  static final class InMemoryPayments extends ForwardingPayments {
    /** Throws a concurrency error on the next n saves (simulates another instance winning). */
    int failNextSaves;

    @Override
    public synchronized Payment save(Payment payment) {
      if (failNextSaves > 0) {
        failNextSaves--;
        throw new ConcurrentModificationException("payment " + payment.id());
      }
      return super.save(payment);
    }

    Payment get(PaymentId id) {
      return findById(id).orElseThrow();
    }
  }

  /** Runs the block directly, one at a time; counts commits. */
  static final class SerialUnitOfWork implements UnitOfWork {
    int commits;

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
      T result = work.get();
      commits++;
      return result;
    }
  }

  static final class RecordingEvents implements EventPublisher {
    final List<DomainEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DomainEvent event) {
      published.add(event);
    }

    List<String> types() {
      return new ArrayList<>(published.stream().map(DomainEvent::type).toList());
    }
  }
}
