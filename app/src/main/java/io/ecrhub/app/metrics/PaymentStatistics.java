package io.ecrhub.app.metrics;

import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.Map;

/** Port: counts for the payment gauges (persistence). */
public interface PaymentStatistics {
  Map<TransactionStatus, Long> countByStatus();
}
