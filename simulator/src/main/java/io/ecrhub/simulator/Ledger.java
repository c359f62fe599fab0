package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transactions and prints of one terminal, and the terminal-side refund rules (protocol doc
 * §4): Octopus is not refundable; card channels refund only on the payment's Hong Kong day and only
 * the full amount; wallets refund partially; never above the refundable amount. Thread-safe.
 */
final class Ledger {
  private static final DateTimeFormatter SYSSN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(RefundPolicy.HONG_KONG);

  private final Map<String, SimTransaction> bySyssn = new LinkedHashMap<>();
  private final List<PrintJob> prints = new ArrayList<>();
  private final AtomicLong sequence;
  private final int terminalNumber;

  /**
   * @param sequence shared by all terminals of a simulator so syssns never collide
   * @param terminalNumber 0-99, part of every syssn this terminal issues
   */
  Ledger(AtomicLong sequence, int terminalNumber) {
    this.sequence = sequence;
    this.terminalNumber = terminalNumber % 100;
  }

  /**
   * A new 26-digit syssn like QFPay's ({@code 20250826155400087645770447}): Hong Kong time, the
   * terminal number, a sequence.
   */
  String newSyssn(Instant at) {
    return SYSSN_TIME.format(at)
        + String.format("%02d%010d", terminalNumber, sequence.incrementAndGet() % 10_000_000_000L);
  }

  synchronized void put(SimTransaction t) {
    bySyssn.put(t.syssn(), t);
  }

  synchronized Optional<SimTransaction> bySyssn(String syssn) {
    return Optional.ofNullable(bySyssn.get(syssn));
  }

  /** The latest transaction with this out_trade_no (a retry after a failure reuses it). */
  synchronized Optional<SimTransaction> byOutTradeNo(String outTradeNo) {
    SimTransaction found = null;
    for (SimTransaction t : bySyssn.values()) {
      if (outTradeNo.equals(t.outTradeNo())) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  /** True when an approved or still-waiting payment already carries this out_trade_no. */
  synchronized boolean outTradeNoTaken(String outTradeNo) {
    return bySyssn.values().stream()
        .anyMatch(
            t ->
                t.kind() == SimTransaction.Kind.PAYMENT
                    && outTradeNo.equals(t.outTradeNo())
                    && (t.status() == SimTransaction.Status.APPROVED
                        || t.status() == SimTransaction.Status.WAITING));
  }

  synchronized List<SimTransaction> all() {
    return List.copyOf(bySyssn.values());
  }

  synchronized void print(PrintJob job) {
    prints.add(job);
  }

  synchronized List<PrintJob> prints() {
    return List.copyOf(prints);
  }

  /** A refund the terminal refuses ({@code 6002}), with the message it shows. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Checks a refund of {@code orderId} for {@code requested} (null: everything refundable) at
   * {@code now}; returns the payment and the amount to refund, or refuses.
   */
  synchronized Map.Entry<SimTransaction, Money> decideRefund(
      String orderId, Money requested, Instant now) throws Refusal {
    SimTransaction p = bySyssn.get(orderId);
    if (p == null) {
      throw new Refusal("transaction not found");
    }
    if (p.kind() != SimTransaction.Kind.PAYMENT) {
      throw new Refusal("a refund cannot be refunded");
    }
    if (p.status() != SimTransaction.Status.APPROVED) {
      throw new Refusal("the payment was not approved");
    }
    if (!p.channel().isRefundable()) {
      throw new Refusal(p.channel().displayName() + " payments cannot be refunded");
    }
    Money refundable = p.refundable();
    if (!refundable.isPositive()) {
      throw new Refusal("the payment has been fully refunded");
    }
    Money amount = requested == null ? refundable : requested;
    if (amount.isGreaterThan(refundable)) {
      throw new Refusal(
          "refund amount " + amount.toPlainString() + " exceeds the refundable " + refundable);
    }
    if (p.channel().isCardScheme()) {
      if (!p.createdAt()
          .atZone(RefundPolicy.HONG_KONG)
          .toLocalDate()
          .equals(now.atZone(RefundPolicy.HONG_KONG).toLocalDate())) {
        throw new Refusal("card payments can only be refunded on the day of payment");
      }
      if (!amount.equals(p.amount())) {
        throw new Refusal("same-day card refunds must be for the full amount");
      }
    }
    return Map.entry(p, amount);
  }
}
