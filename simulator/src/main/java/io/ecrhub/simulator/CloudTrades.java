package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * QFPay's cloud view of the simulated terminals' ledgers: what {@code /trade/v1/query} finds and
 * what {@code /trade/v1/refund} does (protocol doc §8.3/§8.4). A payment made on a simulated
 * terminal is visible here; a refund made here is recorded in that terminal's ledger and notified
 * as the terminal's would be.
 */
final class CloudTrades {
  private final List<SimulatedTerminal> terminals;
  private final SimulatorContext ctx;
  private volatile CloudRefundWindow window;

  CloudTrades(List<SimulatedTerminal> terminals, SimulatorContext ctx, CloudRefundWindow window) {
    this.terminals = List.copyOf(terminals);
    this.ctx = ctx;
    this.window = Objects.requireNonNull(window, "window");
  }

  /** From now on refunds are refused with 1265 while {@code w} is closed. */
  void refundWindow(CloudRefundWindow w) {
    window = Objects.requireNonNull(w, "window");
  }

  CloudRefundWindow refundWindow() {
    return window;
  }

  /** Transactions whose syssn or out_trade_no is in the comma-separated lists. */
  List<Map<String, Object>> query(String syssns, String outTradeNos) {
    Set<String> s = split(syssns);
    Set<String> o = split(outTradeNos);
    List<Map<String, Object>> found = new ArrayList<>();
    for (SimulatedTerminal t : terminals) {
      for (SimTransaction x : t.ledger().all()) {
        if (s.contains(x.syssn()) || (x.outTradeNo() != null && o.contains(x.outTradeNo()))) {
          found.add(record(x));
        }
      }
    }
    return found;
  }

  /** The Open API record of a transaction ({@code txamt} in cents, as a string). */
  static Map<String, Object> record(SimTransaction x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("syssn", x.syssn());
    m.put("out_trade_no", x.outTradeNo() == null ? "" : x.outTradeNo());
    m.put("txamt", Long.toString(x.amount().minorUnits()));
    m.put("txcurrcd", x.amount().currency().getCurrencyCode());
    m.put("respcd", x.status().respcd());
    m.put("errmsg", x.message() == null ? "" : x.message());
    m.put("pay_type", x.busicd() == null ? "" : x.busicd());
    m.put("order_type", x.kind() == SimTransaction.Kind.REFUND ? "refund" : "payment");
    m.put("txdtm", ResponseData.time(x.createdAt()));
    m.put("sysdtm", ResponseData.time(x.createdAt()));
    m.put("cancel", cancel(x));
    if (x.originalSyssn() != null) {
      m.put("origssn", x.originalSyssn());
    }
    return m;
  }

  /** A cloud refund: the answer QFPay gives ({@code respcd} and the refund's fields). */
  Map<String, Object> refund(Map<String, String> p) {
    Instant now = ctx.clock().instant();
    CloudRefundWindow w = window;
    if (w.closedNow()) {
      return answer("1265", "refunds are closed between " + w.closes() + " and " + w.opens());
    }
    String syssn = p.get("syssn");
    String outTradeNo = p.get("out_trade_no");
    String txamt = p.get("txamt");
    if (syssn == null || outTradeNo == null || txamt == null || !txamt.matches("\\d{1,15}")) {
      return answer("1150", "syssn, out_trade_no and txamt (cents) are required");
    }
    Optional<SimulatedTerminal> owner =
        terminals.stream().filter(t -> t.ledger().bySyssn(syssn).isPresent()).findFirst();
    if (owner.isEmpty()) {
      return answer("1136", "transaction does not exist");
    }
    SimulatedTerminal t = owner.get();
    SimTransaction refund;
    SimTransaction payment;
    synchronized (t.operations()) {
      Ledger ledger = t.ledger();
      payment = ledger.bySyssn(syssn).orElseThrow();
      Optional<SimTransaction> again =
          ledger.all().stream()
              .filter(
                  x ->
                      x.kind() == SimTransaction.Kind.REFUND
                          && syssn.equals(x.originalSyssn())
                          && outTradeNo.equals(x.outTradeNo()))
              .findFirst();
      if (again.isPresent()) {
        return refunded(again.get());
      }
      if (payment.kind() != SimTransaction.Kind.PAYMENT
          || payment.status() != SimTransaction.Status.APPROVED) {
        return answer("1136", "no such paid transaction");
      }
      Money amount =
          Money.ofMinor(Long.parseLong(txamt), payment.amount().currency().getCurrencyCode());
      if (!payment.channel().isRefundable()) {
        return answer("1271", payment.channel().displayName() + " cannot be refunded");
      }
      if (!amount.isPositive() || amount.isGreaterThan(payment.refundable())) {
        return answer("1272", "refund exceeds the refundable amount");
      }
      if (payment.channel().isCardScheme()
          && !amount.equals(payment.amount())
          && payment
              .createdAt()
              .atZone(RefundPolicy.HONG_KONG)
              .toLocalDate()
              .equals(now.atZone(RefundPolicy.HONG_KONG).toLocalDate())) {
        return answer("1270", "same-day card refunds must be for the full amount");
      }
      refund =
          Provisional.refund(payment, amount, outTradeNo, ledger.newSyssn(now), now)
              .withOutcome(SimTransaction.Status.APPROVED, now, null);
      payment = payment.withRefunded(payment.refunded().plus(amount));
      ledger.put(refund);
      ledger.put(payment);
    }
    TerminalSettings s = t.settings();
    ctx.notifier().refundApproved(t.id(), s.notifyUrl, s.notifyKey, refund, payment);
    return refunded(refund);
  }

  private static Map<String, Object> refunded(SimTransaction refund) {
    Map<String, Object> m = answer("0000", "");
    m.put("syssn", refund.syssn());
    m.put("orig_syssn", refund.originalSyssn());
    m.put("out_trade_no", refund.outTradeNo());
    m.put("txamt", Long.toString(refund.amount().minorUnits()));
    m.put("txcurrcd", refund.amount().currency().getCurrencyCode());
    return m;
  }

  static Map<String, Object> answer(String respcd, String resperr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("respcd", respcd);
    m.put("resperr", resperr);
    return m;
  }

  /** §7.4 {@code cancel}: 0 none, 3 refunded, 5 partially refunded. */
  private static String cancel(SimTransaction x) {
    if (x.kind() != SimTransaction.Kind.PAYMENT || x.refunded().isZero()) {
      return "0";
    }
    return x.refunded().equals(x.amount()) ? "3" : "5";
  }

  private static Set<String> split(String list) {
    return list == null || list.isBlank()
        ? Set.of()
        : new HashSet<>(Arrays.asList(list.split(",")));
  }
}
