package io.ecrhub.app.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data of one Server-Sent Event of the payment and terminal streams, as {@code
 * io.ecrhub.app.events.EventStreams} writes it. Here for the API contract only: the stream is
 * written by EventStreams, and {@code EventStreamTest} checks the fields on the wire.
 */
@Schema(
    name = "TransactionEvent",
    description =
        "The data of one event. The SSE event name is the same as 'type', the SSE id the same as"
            + " 'id'.")
record TransactionEventView(
    @Schema(description = "Sequence number; send it back as Last-Event-ID to resume") long id,
    @Schema(
            description =
                "payment.<status> or refund.<status> with the new status in lower case"
                    + " (pending, in_progress, succeeded, declined, cancelled, failed, unknown),"
                    + " or payment.review_required / refund.review_required when the hub flags"
                    + " a transaction for a person to look at",
            examples = "payment.succeeded")
        String type,
    String paymentId,
    @Schema(description = "Only on refund events") String refundId,
    String terminalId,
    @Schema(description = "The state before; null on the first event") String from,
    @Schema(description = "The state after") String to,
    @Schema(description = "Why the state changed") String reason,
    @Schema(description = "ISO-8601") String occurredAt) {

  static final String STREAM =
      "A text/event-stream: one event per state change (event name = type, id = sequence"
          + " number, data = a TransactionEvent JSON object) and comment lines as keep-alives."
          + " The stream stays open; reconnect with Last-Event-ID to resume.";

  /** The 429 of every event stream. */
  static final String TOO_MANY_STREAMS =
      "TOO_MANY_STREAMS: the key holds ecrhub.security.max-streams-per-key already";
}
