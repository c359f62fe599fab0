package io.ecrhub.app.events;

import io.ecrhub.domain.transaction.TransactionEvent;

/** A transaction event as stored: its sequence number (the SSE event id) and the event. */
public record StoredEvent(long id, TransactionEvent event) {}
