package io.ecrhub.domain.notification;

import java.util.Map;

/** Use case: take in one notification as received over HTTP and say what to answer. */
public interface IngestNotification {
  Verdict ingest(byte[] rawBody, Map<String, String> headers, String sourceAddress);

  /** What the intake answers. */
  enum Verdict {
    /** Stored (or already stored): answer 200 SUCCESS. */
    ACCEPTED,
    /** Signature missing or wrong: 401, stored as rejected. */
    BAD_SIGNATURE,
    /** Not JSON or not a notification: 400. */
    MALFORMED
  }
}
