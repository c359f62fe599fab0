package io.ecrhub.domain.notification;

import io.ecrhub.domain.notification.IngestNotification.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Use case: accept notifications the intake has verified: store each once (deduplicated on type +
 * syssn, also against a concurrent copy), apply it (in the storing transaction, or after its
 * commit) and fan it out, and say what to answer QFPay. The checks before (signature, parse,
 * sampling) are the intake adapter's.
 */
public interface AcceptNotification {
  /** Stores (and, inline, applies) one verified notification; returns once it is committed. */
  Result store(Verified verified);

  /**
   * Stores several verified notifications in one transaction (group commit); all or nothing: when
   * anything fails the whole transaction rolls back, this throws and the caller stores each one
   * with {@link #store}.
   *
   * @return one result per notification, in {@code batch} order, valid once this returns
   */
  List<Result> storeTogether(List<Verified> batch);

  /**
   * A notification that parsed, carries a valid signature and is of a known type, with the inbox
   * entry it becomes; nothing is stored yet.
   */
  record Verified(InboxEntry entry, QfpayNotification notification) {
    public Verified {
      Objects.requireNonNull(entry);
      Objects.requireNonNull(notification);
    }
  }

  /**
   * What the endpoint answers and why.
   *
   * @param entryId the stored entry, or null (a duplicate, or a rejected request not kept as a
   *     sample)
   */
  record Result(Verdict verdict, String entryId, boolean duplicate, String reason) {}

  /** Called inside the storing transaction for each new verified notification (fan-out). */
  @FunctionalInterface
  interface StoredListener {
    void stored(InboxEntry entry, QfpayNotification notification, Instant now);
  }
}
