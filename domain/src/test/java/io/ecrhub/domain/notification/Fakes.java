package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the notification tests need beyond the test-jar's fakes ({@code io.ecrhub.domain.testing}):
 * payments whose next saves can be made to lose, a unit of work that counts commits, and the events
 * published.
 */
final class Fakes {
  private Fakes() {}

  /**
   * The test-jar's {@link io.ecrhub.domain.testing.InMemoryPayments}, plus a switch that makes the
   * next saves lose to "another instance".
   */
  static final class InMemoryPayments implements Payments {
    private final Payments store = new io.ecrhub.domain.testing.InMemoryPayments();

    /** Throws a concurrency error on the next n saves (simulates another instance winning). */
    int failNextSaves;

    @Override
    public synchronized Payment save(Payment payment) {
      if (failNextSaves > 0) {
        failNextSaves--;
        throw new ConcurrentModificationException("payment " + payment.id());
      }
      return store.save(payment);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
      return store.findById(id);
    }

    @Override
    public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
      return store.findByOutTradeNo(outTradeNo);
    }

    @Override
    public Optional<Payment> findBySyssn(Syssn syssn) {
      return store.findBySyssn(syssn);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
      return store.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
      return store.findByStatus(statuses, limit);
    }

    @Override
    public Page<Payment> list(Filter filter, String cursor, int limit) {
      return store.list(filter, cursor, limit);
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
