package io.ecrhub.app.persistence;

import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The queries and the save that {@link PanachePayments} and {@link PanacheRefunds} share, over the
 * columns every transaction row has ({@link TransactionRow}).
 *
 * @param <E> the row type
 * @param <T> the aggregate type
 */
final class TransactionRows<E extends TransactionRow, T> {
  private final PanacheRepositoryBase<E, String> repo;
  private final Class<E> type;
  private final String kind;
  private final Supplier<E> fresh;
  private final Function<E, T> toDomain;

  /**
   * @param kind {@code payment} or {@code refund}: names the transaction in conflicts
   */
  TransactionRows(
      PanacheRepositoryBase<E, String> repo,
      Class<E> type,
      String kind,
      Supplier<E> fresh,
      Function<E, T> toDomain) {
    this.repo = repo;
    this.type = type;
    this.kind = kind;
    this.fresh = fresh;
    this.toDomain = toDomain;
  }

  /**
   * An optimistic save ({@link VersionedSaves}) of the transaction {@code id} at {@code version}.
   */
  T save(String id, long version, Consumer<E> copy) {
    return toDomain.apply(
        VersionedSaves.save(
            repo.getEntityManager(), type, id, version, fresh, copy, kind + " " + id));
  }

  Optional<T> byId(String id) {
    return repo.findByIdOptional(id).map(toDomain);
  }

  Optional<T> bySyssn(Syssn syssn) {
    return repo.find("lifecycle.syssn = ?1", syssn.value()).firstResultOptional().map(toDomain);
  }

  /** The oldest {@code limit} in one of {@code statuses}. */
  List<T> withStatus(Set<TransactionStatus> statuses, int limit) {
    if (statuses.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<String> names = statuses.stream().map(Enum::name).toList();
    return oldest("lifecycle.status in ?1", limit, names);
  }

  /**
   * The oldest {@code limit} IN_PROGRESS, or UNKNOWN with their next attempt due at {@code now}.
   */
  List<T> dueForReconciliation(Instant now, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return oldest(
        "lifecycle.status = 'IN_PROGRESS'"
            + " or (lifecycle.status = 'UNKNOWN' and lifecycle.nextReconcileAt <= ?1)",
        limit,
        Times.db(now));
  }

  /**
   * The oldest {@code limit} SUCCEEDED ones waiting for confirmation, changed since {@code since},
   * whose next confirmation attempt is due at {@code now}.
   */
  List<T> awaitingConfirmation(Instant now, Instant since, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return repo
        .find(
            "lifecycle.status = 'SUCCEEDED' and lifecycle.confirmationPending = true"
                + " and lifecycle.updatedAt >= ?1"
                + " and (lifecycle.nextReconcileAt is null or lifecycle.nextReconcileAt <= ?2)"
                + " order by lifecycle.createdAt, id",
            Times.db(since),
            Times.db(now))
        .range(0, limit - 1)
        .list()
        .stream()
        .map(toDomain)
        .toList();
  }

  private List<T> oldest(String where, int limit, Object parameter) {
    return repo
        .find(where + " order by lifecycle.createdAt, id", parameter)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(toDomain)
        .toList();
  }
}
