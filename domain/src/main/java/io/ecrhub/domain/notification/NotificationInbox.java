package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port: the durable inbox of received notifications (raw body kept), deduplicated. */
public interface NotificationInbox {

  /**
   * Stores a verified notification unless its (type, syssn) is already stored. Must be safe when
   * two instances store the same one at once (unique constraint).
   *
   * @return the stored entry, or empty when it was a duplicate
   */
  Optional<InboxEntry> storeVerified(InboxEntry entry);

  /**
   * Stores several verified notifications at once (in the caller's transaction), each unless its
   * (type, syssn) is already stored; {@code entries} must not repeat a key. Same guarantee per
   * entry as {@link #storeVerified}; an implementation may instead fail on a key that is already
   * stored.
   *
   * @return how many were stored (fewer than {@code entries.size()} when some were duplicates)
   */
  default int storeVerifiedAll(List<InboxEntry> entries) {
    int stored = 0;
    for (InboxEntry e : entries) {
      stored += storeVerified(e).isPresent() ? 1 : 0;
    }
    return stored;
  }

  /** Which of these (type, syssn) keys are stored already (one look-up for all). */
  default Set<String> storedDedupeKeys(Collection<String> dedupeKeys) {
    Set<String> stored = new HashSet<>();
    for (String k : dedupeKeys) {
      findByDedupeKey(k).ifPresent(e -> stored.add(k));
    }
    return stored;
  }

  /** Stores a rejected (bad signature) notification for audit; bounded by the implementation. */
  void storeRejected(InboxEntry entry);

  /**
   * Stores a sample of a rejected request whose body was cut: {@code entry} holds the first bytes
   * of the body, {@code bodyLength} and {@code bodySha256} (lower-case hex) describe the whole body
   * as received. Implementations without room for them store the entry as {@link #storeRejected}.
   */
  default void storeRejectedSample(InboxEntry entry, int bodyLength, String bodySha256) {
    storeRejected(entry);
  }

  /** Sets the status and note of a stored entry; no-op for an unknown id. */
  void updateStatus(String entryId, InboxStatus status, String note);

  Optional<InboxEntry> findById(String entryId);

  /** The stored verified entry with this (type, syssn) key, if any. */
  default Optional<InboxEntry> findByDedupeKey(String dedupeKey) {
    return Optional.empty();
  }

  /** Parked entries that might match a transaction now (oldest first: received at, then id). */
  List<InboxEntry> findParked(int limit);

  /**
   * Parked entries whose {@link InboxEntry#tradeRef()} equals {@code tradeRef} or whose {@link
   * InboxEntry#syssnRef()} equals {@code syssnRef} (either may be null), oldest first.
   */
  default List<InboxEntry> findParkedFor(String tradeRef, String syssnRef, int limit) {
    return findParked(Integer.MAX_VALUE).stream()
        .filter(
            e ->
                (tradeRef != null && tradeRef.equals(e.tradeRef()))
                    || (syssnRef != null && syssnRef.equals(e.syssnRef())))
        .limit(limit)
        .toList();
  }

  /**
   * What an admin search asks for; a null field does not filter.
   *
   * @param syssn the notification's own syssn (its dedupe key is TYPE:syssn for any type) or the
   *     transaction it refers to ({@link InboxEntry#syssnRef()})
   * @param tradeRef the trade it refers to ({@link InboxEntry#tradeRef()})
   * @param from received at or after
   * @param to received before
   */
  record Filter(InboxStatus status, String syssn, String tradeRef, Instant from, Instant to) {

    /** Entries with {@code status} (null: any). */
    public static Filter status(InboxStatus status) {
      return new Filter(status, null, null, null, null);
    }

    /** Whether {@code e} is one this filter asks for. */
    public boolean matches(InboxEntry e) {
      return (status == null || e.status() == status)
          && (syssn == null || syssn.equals(e.syssnRef()) || isDedupeKeyOf(e.dedupeKey()))
          && (tradeRef == null || tradeRef.equals(e.tradeRef()))
          && (from == null || !e.receivedAt().isBefore(from))
          && (to == null || e.receivedAt().isBefore(to));
    }

    private boolean isDedupeKeyOf(String dedupeKey) {
      for (NotificationType type : NotificationType.values()) {
        if ((type.name() + ":" + syssn).equals(dedupeKey)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Entries matching {@code filter}, newest first (received at descending, then id descending),
   * keyset-paginated by an opaque cursor (null for the first page; the page's cursor is null on the
   * last page).
   */
  Page<InboxEntry> search(Filter filter, String cursor, int limit);

  /** {@link #search} by status alone (null: any). */
  default Page<InboxEntry> list(InboxStatus status, String cursor, int limit) {
    return search(Filter.status(status), cursor, limit);
  }

  /** How many entries are stored in each status (statuses without any are left out). */
  default Map<InboxStatus, Long> countByStatus() {
    Map<InboxStatus, Long> counts = new EnumMap<>(InboxStatus.class);
    String cursor = null;
    do {
      Page<InboxEntry> page = list(null, cursor, 500);
      page.items().forEach(e -> counts.merge(e.status(), 1L, Long::sum));
      cursor = page.nextCursor();
    } while (cursor != null);
    return counts;
  }

  /**
   * Deletes entries received before {@code cutoff} (verified ones keep their dedupe key at least as
   * long as the caller's retention, which must be ≥ 30 days).
   *
   * @return how many were deleted
   */
  default int purgeReceivedBefore(Instant cutoff) {
    return 0;
  }
}
