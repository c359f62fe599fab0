package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the durable inbox of received notifications (raw body kept), deduplicated. */
public interface NotificationInbox {

  /**
   * Stores a verified notification unless its (type, syssn) is already stored. Must be safe when
   * two instances store the same one at once (unique constraint).
   *
   * @return the stored entry, or empty when it was a duplicate
   */
  Optional<InboxEntry> storeVerified(InboxEntry entry);

  /** Stores a rejected (bad signature) notification for audit; bounded by the implementation. */
  void storeRejected(InboxEntry entry);

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
   * Entries with {@code status} (null: any), newest first (received at descending, then id
   * descending), keyset-paginated by an opaque cursor (null for the first page; the page's cursor
   * is null on the last page).
   */
  Page<InboxEntry> list(InboxStatus status, String cursor, int limit);

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
