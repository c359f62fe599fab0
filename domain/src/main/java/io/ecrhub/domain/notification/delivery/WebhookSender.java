package io.ecrhub.domain.notification.delivery;

import java.time.Instant;

/**
 * Port: signs one message for its subscription and calls the consumer once, with connect/read
 * timeouts and the target guard; never throws for consumer failures, it reports them.
 */
public interface WebhookSender {
  SendResult send(Subscription subscription, OutboxMessage message, Instant now);
}
