package io.ecrhub.app.payments;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import java.util.Set;

/** Port: payment listings limited to a set of terminals (an API key's scope), newest first. */
public interface PaymentDirectory {
  /**
   * @param onlyTerminals the terminals the caller may see, or null for all
   */
  Page<Payment> list(
      Payments.Filter filter, Set<TerminalId> onlyTerminals, String cursor, int limit);
}
