package io.ecrhub.domain.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One received notification as stored: the raw body bytes exactly as received, selected headers,
 * the sender's address, the verdict.
 *
 * @param dedupeKey (type, syssn), null for rejected ones
 */
public record InboxEntry(
    String id,
    byte[] rawBody,
    Map<String, String> headers,
    String sourceAddress,
    Instant receivedAt,
    InboxStatus status,
    String dedupeKey,
    String note) {

  public InboxEntry {
    rawBody = rawBody == null ? new byte[0] : rawBody.clone();
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public byte[] rawBody() {
    return rawBody.clone();
  }
}
