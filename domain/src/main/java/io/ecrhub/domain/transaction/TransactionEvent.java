package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;

/**
 * A state change of a payment or refund.
 *
 * @param type e.g. {@code payment.succeeded}, {@code refund.unknown}
 * @param aggregateId the payment or refund id
 * @param paymentId the payment concerned (equal to aggregateId for payments)
 * @param from previous status (null on creation)
 * @param to new status
 * @param reason why, in words (never a secret)
 */
public record TransactionEvent(
    String type,
    String aggregateId,
    String paymentId,
    TerminalId terminalId,
    TransactionStatus from,
    TransactionStatus to,
    String reason,
    Instant occurredAt)
    implements DomainEvent {}
