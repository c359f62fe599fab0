package io.ecrhub.domain.testing;

import io.ecrhub.domain.diagnostics.NotificationFacts;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * {@link NotificationHealth} read through the {@link Payments} and {@link NotificationInbox} ports
 * (the in-memory fakes, say): the newest verified notification naming one of the terminal's
 * payments by out_trade_no or syssn, and the newest payment that succeeded on it.
 */
public final class InMemoryNotificationHealth implements NotificationHealth {
  private static final int PAGE = 100;
  private final Payments payments;
  private final NotificationInbox inbox;
  private final BooleanSupplier keyConfigured;
  private final String notificationUrl;

  /**
   * @param keyConfigured whether a notification key is configured or stored
   * @param notificationUrl the URL QFPay calls, or null when the public URL is not configured
   */
  public InMemoryNotificationHealth(
      Payments payments,
      NotificationInbox inbox,
      BooleanSupplier keyConfigured,
      String notificationUrl) {
    this.payments = payments;
    this.inbox = inbox;
    this.keyConfigured = keyConfigured;
    this.notificationUrl = notificationUrl;
  }

  @Override
  public Optional<NotificationFacts> forTerminal(TerminalId terminalId) {
    Set<String> tradeNos = new HashSet<>();
    Set<String> syssns = new HashSet<>();
    String cursor = null;
    do {
      Page<Payment> page =
          payments.list(new Payments.Filter(terminalId, null, null, null), cursor, PAGE);
      for (Payment p : page.items()) {
        tradeNos.add(p.outTradeNo().value());
        p.syssn().ifPresent(s -> syssns.add(s.value()));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    Instant verified = null;
    do {
      Page<InboxEntry> page = inbox.list(null, cursor, PAGE);
      for (InboxEntry e : page.items()) {
        boolean ours = tradeNos.contains(e.tradeRef()) || syssns.contains(e.syssnRef());
        if (ours
            && e.status() != InboxStatus.REJECTED
            && (verified == null || e.receivedAt().isAfter(verified))) {
          verified = e.receivedAt();
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    Instant lastPayment =
        payments
            .list(new Payments.Filter(terminalId, TransactionStatus.SUCCEEDED, null, null), null, 1)
            .items()
            .stream()
            .findFirst()
            .map(Payment::createdAt)
            .orElse(null);
    return Optional.of(
        new NotificationFacts(
            keyConfigured.getAsBoolean(), notificationUrl, verified, lastPayment));
  }
}
