package io.ecrhub.app.payments;

import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Use case: read payments and refunds, limited to what a caller's scope covers. */
@ApplicationScoped
public class PaymentQueries {
  private final Payments payments;
  private final Refunds refunds;
  private final Terminals terminals;
  private final PaymentDirectory directory;
  private final UnitOfWork uow;

  @Inject
  public PaymentQueries(
      Payments payments,
      Refunds refunds,
      Terminals terminals,
      PaymentDirectory directory,
      UnitOfWork uow) {
    this.payments = payments;
    this.refunds = refunds;
    this.terminals = terminals;
    this.directory = directory;
    this.uow = uow;
  }

  public Payment payment(PaymentId id) {
    return uow.inTransaction(() -> payments.findById(id))
        .orElseThrow(() -> new NotFoundException("PAYMENT_NOT_FOUND", "no payment with that id"));
  }

  public Refund refund(RefundId id) {
    return uow.inTransaction(() -> refunds.findById(id))
        .orElseThrow(() -> new NotFoundException("REFUND_NOT_FOUND", "no refund with that id"));
  }

  public List<Refund> refundsOf(PaymentId id) {
    return uow.inTransaction(() -> refunds.findByPayment(id));
  }

  /** Whether {@code scope} covers terminal {@code id} (an unknown terminal only for no scope). */
  public boolean covers(Scope scope, TerminalId id) {
    if (scope.unrestricted()) {
      return true;
    }
    return uow.inTransaction(() -> terminals.findById(id)).map(scope::covers).orElse(false);
  }

  /** Payments matching {@code filter} on terminals the scope covers, newest first. */
  public Page<Payment> list(Payments.Filter filter, Scope scope, String cursor, int limit) {
    Set<TerminalId> only = null;
    if (!scope.unrestricted()) {
      only =
          uow.inTransaction(terminals::all).stream()
              .filter(scope::covers)
              .map(Terminal::id)
              .collect(Collectors.toSet());
      if (only.isEmpty()) {
        return new Page<>(List.of(), null);
      }
    }
    Set<TerminalId> allowed = only;
    return uow.inTransaction(() -> directory.list(filter, allowed, cursor, limit));
  }
}
