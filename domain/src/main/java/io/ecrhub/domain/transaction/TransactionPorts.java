package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.terminal.Terminals;
import java.util.Objects;

/**
 * The ports the transaction use cases drive, wired once by the application. {@code statusChanges}
 * hears of every terminal status change a payment, refund or query reveals (the application audits
 * drift with it, as for diagnostics and MMS). {@code notificationTrail} tells reconciliation
 * whether QFPay notified anything about a payment the terminal says it does not know.
 */
public record TransactionPorts(
    Terminals terminals,
    Payments payments,
    Refunds refunds,
    TerminalLeases leases,
    TerminalChannel channel,
    UnitOfWork unitOfWork,
    EventPublisher events,
    TerminalHealth.StatusChanges statusChanges,
    NotificationTrail notificationTrail) {

  public TransactionPorts {
    Objects.requireNonNull(statusChanges, "statusChanges");
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
