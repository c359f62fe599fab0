package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.UnfinishedWork;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link UnfinishedWork} over {@link Payments}: a payment on the terminal still {@code PENDING},
 * {@code IN_PROGRESS} or {@code UNKNOWN} (checked in that order) keeps the terminal registered.
 */
public final class PaymentsInFlight implements UnfinishedWork {
  private static final TransactionStatus[] NOT_FINAL = {
    TransactionStatus.PENDING, TransactionStatus.IN_PROGRESS, TransactionStatus.UNKNOWN
  };

  private final Payments payments;

  public PaymentsInFlight(Payments payments) {
    this.payments = Objects.requireNonNull(payments, "payments");
  }

  @Override
  public Optional<String> on(TerminalId terminalId) {
    for (TransactionStatus s : NOT_FINAL) {
      if (!payments
          .list(new Payments.Filter(terminalId, s, null, null), null, 1)
          .items()
          .isEmpty()) {
        return Optional.of(s.name());
      }
    }
    return Optional.empty();
  }
}
