package io.ecrhub.domain.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One received notification as stored: the raw body bytes exactly as received, selected headers,
 * the sender's address, the verdict.
 *
 * @param dedupeKey (type, syssn), null for rejected ones
 * @param keyId id of the key that verified the signature (never the key), or null
 * @param tradeRef the merchant trade number it refers to (out_trade_no of a payment,
 *     orig_out_trade_no of a refund), for matching parked entries; or null
 * @param syssnRef the QFPay transaction it refers to (syssn of a payment, orig_syssn of a refund),
 *     for matching parked entries; or null
 */
public record InboxEntry(
    String id,
    byte[] rawBody,
    Map<String, String> headers,
    String sourceAddress,
    Instant receivedAt,
    InboxStatus status,
    String dedupeKey,
    String note,
    String keyId,
    String tradeRef,
    String syssnRef) {

  public InboxEntry {
    rawBody = rawBody == null ? new byte[0] : rawBody.clone();
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** An entry without key id and match references (rejected ones). */
  public InboxEntry(
      String id,
      byte[] rawBody,
      Map<String, String> headers,
      String sourceAddress,
      Instant receivedAt,
      InboxStatus status,
      String dedupeKey,
      String note) {
    this(
        id, rawBody, headers, sourceAddress, receivedAt, status, dedupeKey, note, null, null, null);
  }

  @Override
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /** The same entry with another status and note. */
  public InboxEntry withStatus(InboxStatus newStatus, String newNote) {
    return new InboxEntry(
        id,
        rawBody,
        headers,
        sourceAddress,
        receivedAt,
        newStatus,
        dedupeKey,
        newNote,
        keyId,
        tradeRef,
        syssnRef);
  }
}
