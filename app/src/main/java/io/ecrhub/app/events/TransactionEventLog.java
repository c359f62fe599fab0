package io.ecrhub.app.events;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import java.util.List;

/** Port: the durable, ordered log of payment and refund state changes (persistence). */
public interface TransactionEventLog {
  /**
   * Appends the event in the caller's transaction (the one that made the change; a new one when
   * there is none) and returns its sequence number.
   */
  long append(TransactionEvent event);

  /**
   * Appends several events in the caller's transaction, in order, in one statement where the
   * database allows; their sequence numbers in the same order.
   */
  default long[] appendAll(List<TransactionEvent> events) {
    long[] ids = new long[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = append(events.get(i));
    }
    return ids;
  }

  /** Events of one payment (its refunds included) after {@code afterId}, oldest first. */
  List<StoredEvent> forPayment(PaymentId paymentId, long afterId, int limit);

  /** Events of one terminal after {@code afterId}, oldest first. */
  List<StoredEvent> forTerminal(TerminalId terminalId, long afterId, int limit);

  /** Events of every terminal after {@code afterId}, oldest first (a fleet stream). */
  List<StoredEvent> after(long afterId, int limit);

  /** The newest sequence number, 0 when the log is empty. */
  long latestId();
}
