package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.transaction.Settleable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Payments or refunds in memory, as the in-memory ports keep them: snapshots keyed by id (so what a
 * reader gets is a fresh copy, like a database row), saved under the ports' version rule, read
 * oldest first.
 *
 * @param <S> the snapshot type
 * @param <T> the aggregate type
 */
final class TransactionStore<S, T extends Settleable> {
  private final String kind;
  private final Function<T, S> snapshot;
  private final Function<S, T> restore;
  private final Function<T, Object> id;
  private final BiFunction<S, Long, S> withVersion;
  private final Comparator<T> oldestFirst;
  private final Map<Object, S> byId = new LinkedHashMap<>();

  TransactionStore(
      String kind,
      Function<T, S> snapshot,
      Function<S, T> restore,
      Function<T, Object> id,
      BiFunction<S, Long, S> withVersion) {
    this.kind = kind;
    this.snapshot = snapshot;
    this.restore = restore;
    this.id = id;
    this.withVersion = withVersion;
    this.oldestFirst =
        Comparator.<T, java.time.Instant>comparing(Settleable::createdAt)
            .thenComparing(t -> id.apply(t).toString());
  }

  /** Stores {@code t} at its version + 1; a stored version other than {@code t}'s is a conflict. */
  synchronized T save(T t) {
    return save(t, x -> {});
  }

  /** As {@link #save(Settleable)}, with {@code guard} checking {@code t} once its version is. */
  synchronized T save(T t, java.util.function.Consumer<T> guard) {
    Object key = id.apply(t);
    long storedVersion = find(key).map(Settleable::version).orElse(0L);
    if (storedVersion != t.version()) {
      throw new ConcurrentModificationException(kind + " " + key);
    }
    guard.accept(t);
    S next = withVersion.apply(snapshot.apply(t), t.version() + 1);
    byId.put(key, next);
    return restore.apply(next);
  }

  synchronized Optional<T> find(Object key) {
    return Optional.ofNullable(byId.get(key)).map(restore);
  }

  /** Every stored transaction, oldest first. */
  synchronized Stream<T> all() {
    return byId.values().stream().map(restore).sorted(oldestFirst).toList().stream();
  }

  Optional<T> first(Predicate<T> p) {
    return all().filter(p).findFirst();
  }

  List<T> withStatus(Set<?> statuses, int limit) {
    return all().filter(t -> statuses.contains(t.status())).limit(limit).toList();
  }

  Comparator<T> oldestFirst() {
    return oldestFirst;
  }

  synchronized int size() {
    return byId.size();
  }
}
