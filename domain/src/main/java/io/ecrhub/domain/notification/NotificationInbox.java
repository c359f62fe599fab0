package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Page;
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

  /** Parked entries that might match a transaction now (oldest first: received at, then id). */
  List<InboxEntry> findParked(int limit);

  /**
   * Entries with {@code status} (null: any), newest first (received at descending, then id
   * descending), keyset-paginated by an opaque cursor (null for the first page; the page's cursor
   * is null on the last page).
   */
  Page<InboxEntry> list(InboxStatus status, String cursor, int limit);
}
