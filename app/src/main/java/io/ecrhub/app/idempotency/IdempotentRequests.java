package io.ecrhub.app.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: what an Idempotency-Key already stands for, per operation and API key. A key is claimed
 * (committed) before the terminal is asked, then completed with what the request produced, or
 * released when it provably did nothing.
 */
public interface IdempotentRequests {

  /**
   * One claimed key.
   *
   * @param resourceId what the first request created or acted on (a refund, a payment), once done
   * @param status, type, body the first request's HTTP answer, once done
   */
  record Entry(
      String operation,
      String scopedKey,
      String fingerprint,
      String resourceId,
      Integer status,
      String type,
      String body,
      Instant createdAt,
      Instant completedAt) {

    public boolean completed() {
      return completedAt != null;
    }
  }

  /** Commits a claim of the key; false (writing nothing) when it is claimed already. */
  boolean claim(String operation, String scopedKey, String fingerprint, Instant at);

  Optional<Entry> find(String operation, String scopedKey);

  /** Commits what the first request produced. */
  void complete(
      String operation,
      String scopedKey,
      String resourceId,
      int status,
      String type,
      String body,
      Instant at);

  /** Commits the removal of a claim that was never completed (the request did nothing). */
  void release(String operation, String scopedKey);
}
