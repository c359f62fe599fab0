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

  void updateStatus(String entryId, InboxStatus status, String note);

  Optional<InboxEntry> findById(String entryId);

  /** Parked entries that might match a transaction now (oldest first). */
  List<InboxEntry> findParked(int limit);

  Page<InboxEntry> list(InboxStatus status, String cursor, int limit);
}
