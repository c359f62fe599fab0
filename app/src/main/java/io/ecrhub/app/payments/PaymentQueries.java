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
import java.util.function.Consumer;
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
    return list(PaymentDirectory.Criteria.of(filter), scope, cursor, limit);
  }

  /** Payments matching {@code criteria} on terminals the scope covers, newest first. */
  public Page<Payment> list(
      PaymentDirectory.Criteria criteria, Scope scope, String cursor, int limit) {
    Set<TerminalId> allowed = allowed(scope);
    if (allowed != null && allowed.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    return uow.inTransaction(() -> directory.list(criteria, allowed, cursor, limit));
  }

  /**
   * Every payment matching {@code criteria} in the scope, newest first, handed to {@code each} page
   * by page ({@code batch} at a time, each page its own short transaction), at most {@code max}.
   *
   * @return whether more payments matched than {@code max}
   */
  public boolean forEach(
      PaymentDirectory.Criteria criteria,
      Scope scope,
      int batch,
      int max,
      Consumer<List<Payment>> each) {
    Set<TerminalId> allowed = allowed(scope);
    if (allowed != null && allowed.isEmpty()) {
      return false;
    }
    String cursor = null;
    int sent = 0;
    do {
      int size = Math.min(batch, max - sent);
      if (size <= 0) {
        return true;
      }
      String after = cursor;
      Page<Payment> page = uow.inTransaction(() -> directory.list(criteria, allowed, after, size));
      each.accept(page.items());
      sent += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null);
    return false;
  }

  /** The terminals a scoped key may see (one query), or null for an unscoped key. */
  private Set<TerminalId> allowed(Scope scope) {
    if (scope.unrestricted()) {
      return null;
    }
    return uow.inTransaction(terminals::all).stream()
        .filter(scope::covers)
        .map(Terminal::id)
        .collect(Collectors.toSet());
  }
}
