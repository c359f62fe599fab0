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
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Minimal in-memory stand-ins for the transaction ports: they store snapshots (so loaded objects
 * are fresh copies, like a database) and check versions like optimistic locking does.
 */
final class Fakes {
  private Fakes() {}

  static final class InMemoryPayments implements Payments {
    final Map<String, Payment.Snapshot> rows = new ConcurrentHashMap<>();

    /** Throws a concurrency error on the next n saves (simulates another instance winning). */
    int failNextSaves;

    @Override
    public synchronized Payment save(Payment payment) {
      Payment.Snapshot s = payment.snapshot();
      Payment.Snapshot current = rows.get(s.facts().id().value());
      if (failNextSaves > 0) {
        failNextSaves--;
        throw new ConcurrentModificationException("payment " + s.facts().id());
      }
      if (current != null && current.lifecycle().version() != s.lifecycle().version()) {
        throw new ConcurrentModificationException("payment " + s.facts().id());
      }
      Payment.Snapshot next = bump(s);
      rows.put(s.facts().id().value(), next);
      return Payment.restore(next);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
      return Optional.ofNullable(rows.get(id.value())).map(Payment::restore);
    }

    @Override
    public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
      return rows.values().stream()
          .filter(s -> s.facts().outTradeNo().equals(outTradeNo))
          .findFirst()
          .map(Payment::restore);
    }

    @Override
    public Optional<Payment> findBySyssn(Syssn syssn) {
      return rows.values().stream()
          .filter(s -> syssn.equals(s.lifecycle().syssn()))
          .findFirst()
          .map(Payment::restore);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
      return Optional.empty();
    }

    @Override
    public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
      return rows.values().stream()
          .filter(s -> statuses.contains(s.lifecycle().status()))
          .limit(limit)
          .map(Payment::restore)
          .toList();
    }

    @Override
    public Page<Payment> list(Filter filter, String cursor, int limit) {
      return new Page<>(rows.values().stream().map(Payment::restore).toList(), null);
    }

    Payment get(PaymentId id) {
      return findById(id).orElseThrow();
    }

    private static Payment.Snapshot bump(Payment.Snapshot s) {
      return s.withVersion(s.lifecycle().version() + 1);
    }
  }

  static final class InMemoryRefunds implements Refunds {
    final Map<String, Refund.Snapshot> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized Refund save(Refund refund) {
      Refund.Snapshot s = refund.snapshot();
      Refund.Snapshot current = rows.get(s.facts().id().value());
      if (current != null && current.lifecycle().version() != s.lifecycle().version()) {
        throw new ConcurrentModificationException("refund " + s.facts().id());
      }
      Refund.Snapshot next = s.withVersion(s.lifecycle().version() + 1);
      rows.put(s.facts().id().value(), next);
      return Refund.restore(next);
    }

    @Override
    public Optional<Refund> findById(RefundId id) {
      return Optional.ofNullable(rows.get(id.value())).map(Refund::restore);
    }

    @Override
    public Optional<Refund> findBySyssn(Syssn syssn) {
      return rows.values().stream()
          .filter(s -> syssn.equals(s.lifecycle().syssn()))
          .findFirst()
          .map(Refund::restore);
    }

    @Override
    public List<Refund> findByPayment(PaymentId paymentId) {
      return rows.values().stream()
          .filter(s -> s.facts().paymentId().equals(paymentId))
          .sorted(Comparator.comparing(s -> s.lifecycle().createdAt()))
          .map(Refund::restore)
          .toList();
    }

    @Override
    public List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit) {
      return rows.values().stream()
          .filter(s -> statuses.contains(s.lifecycle().status()))
          .limit(limit)
          .map(Refund::restore)
          .toList();
    }

    List<Refund> all() {
      return rows.values().stream().map(Refund::restore).toList();
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
