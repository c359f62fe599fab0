package io.ecrhub.domain.transaction;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: stored refunds. */
public interface Refunds {
  Refund save(Refund refund);

  Optional<Refund> findById(RefundId id);

  Optional<Refund> findBySyssn(Syssn syssn);

  List<Refund> findByPayment(PaymentId paymentId);

  List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit);
}
