package io.ecrhub.app.events;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import java.util.List;

/**
 * Port: the durable, ordered log of payment and refund state changes (persistence). Its sequence
 * numbers are allocated in commit order (ADR 0025): once number N is visible, every lower number
 * that will ever be visible is too, so a reader that has everything up to N never has to look below
 * N again.
 */
public interface TransactionEventLog {
  /**
   * Appends the event in the caller's transaction (the one that made the change; a new one when
   * there is none) and returns its sequence number. Like {@link #appendAll}: the last write.
   */
  long append(TransactionEvent event);

  /**
   * Appends several events in the caller's transaction, in order, in one statement where the
   * database allows; their sequence numbers in the same order. This must be the transaction's last
   * write, right before it commits: it takes the lock that orders commits (held until the commit)
   * and tells other instances (PostgreSQL) when the transaction commits. {@link
   * StoringEventPublisher} calls it just before the commit.
   */
  default long[] appendAll(List<TransactionEvent> events) {
    long[] ids = new long[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = append(events.get(i));
    }
    return ids;
  }

  /**
   * Gets the caller's transaction ready for {@link #appendAll} at its end: whatever the log needs
   * to register with the transaction is registered now, since nothing may be while it completes.
   */
  default void prepareAppend() {}

  /** Every event after {@code afterId}, oldest first. */
  List<StoredEvent> after(long afterId, int limit);

  /** Events of one payment (its refunds included) after {@code afterId}, oldest first. */
  List<StoredEvent> forPayment(PaymentId paymentId, long afterId, int limit);

  /** Events of one terminal after {@code afterId}, oldest first. */
  List<StoredEvent> forTerminal(TerminalId terminalId, long afterId, int limit);

  /** The newest sequence number, 0 when the log is empty. */
  long latestId();
}
