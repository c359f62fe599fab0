package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.terminal.Terminals;
import java.util.Objects;

/**
 * The ports the transaction use cases drive, wired once by the application. {@code health} is the
 * application's one terminal status writer: every status change a payment, refund or query reveals
 * goes through it and its drift audit, as for prints, diagnostics and MMS. {@code
 * notificationTrail} tells reconciliation whether QFPay notified anything about a payment the
 * terminal says it does not know.
 */
public record TransactionPorts(
    Terminals terminals,
    Payments payments,
    Refunds refunds,
    TerminalLeases leases,
    TerminalChannel channel,
    UnitOfWork unitOfWork,
    EventPublisher events,
    TerminalHealth health,
    NotificationTrail notificationTrail) {

  public TransactionPorts {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(notificationTrail, "notificationTrail");
    Objects.requireNonNull(terminals, "terminals");
    Objects.requireNonNull(payments, "payments");
    Objects.requireNonNull(refunds, "refunds");
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(unitOfWork, "unitOfWork");
    Objects.requireNonNull(events, "events");
  }
}
