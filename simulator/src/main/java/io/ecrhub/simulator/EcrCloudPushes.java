package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECR cloud (protocol doc §11): QFPay pushes a request to the simulated terminal whose id is
 * the {@code termid} (Device ID), which then behaves as if the request had come over the LAN (waits
 * for the card, notifies). {@code /ecr/v1/query} answers the terminal's record in {@code respmsg}.
 */
final class EcrCloudPushes {
  private final List<SimulatedTerminal> terminals;
  private final SimulatorContext ctx;

  EcrCloudPushes(List<SimulatedTerminal> terminals, SimulatorContext ctx) {
    this.terminals = List.copyOf(terminals);
    this.ctx = ctx;
  }

  Map<String, Object> push(String path, Map<String, String> p) {
    Optional<SimulatedTerminal> t = terminal(p.get("termid"));
    if (t.isEmpty()) {
      return unbound(p.get("termid"));
    }
    SimCommand cmd;
    String message;
    try {
      switch (path) {
        case "/ecr/v1/payment/async" -> {
          cmd = trade(p, t.get());
          message = "Order push success";
        }
        case "/ecr/v1/refund/async" -> {
          String amt = p.get("txamt");
          cmd =
              new SimCommand.Refund(
                  required(p, "syssn"),
                  amt == null ? null : cents(amt, t.get().settings().currency));
          message = "Refund push success";
        }
        case "/ecr/v1/cancel/async" -> {
          cmd = new SimCommand.CancelRequest();
          message = "Cancel push success";
        }
        case "/ecr/v1/print_receipt/async" -> {
          required(p, "out_trade_no");
          cmd = new SimCommand.PrintReceipt(required(p, "syssn"));
          message = "Print receipt push success";
        }
        case "/ecr/v1/print_summary/async" -> {
          cmd = new SimCommand.PrintSummary();
          message = "Print Summary push success";
        }
        default -> {
          return null;
        }
      }
    } catch (IllegalArgumentException e) {
      return CloudTrades.answer("1150", e.getMessage());
    }
    t.get().operations().execute(cmd, ctx.workers().next());
    Map<String, Object> m = CloudTrades.answer("0000", message);
    m.put("respmsg", "");
    return m;
  }

  Map<String, Object> query(Map<String, String> p) {
    Optional<SimulatedTerminal> t = terminal(p.get("termid"));
    if (t.isEmpty()) {
      return unbound(p.get("termid"));
    }
    Ledger ledger = t.get().ledger();
    String syssn = p.get("syssn");
    Optional<SimTransaction> x =
        syssn != null
            ? ledger.bySyssn(syssn)
            : p.get("out_trade_no") != null
                ? ledger.byOutTradeNo(p.get("out_trade_no"))
                : Optional.empty();
    if (x.isEmpty()) {
      return CloudTrades.answer("1136", "transaction does not exist");
    }
    Map<String, Object> record = CloudTrades.record(x.get());
    record.put("allow_refund_amt", x.get().refundable().minorUnits());
    record.put("txamt", x.get().amount().minorUnits());
    Map<String, Object> m = CloudTrades.answer("0000", "Query success");
    m.put("respmsg", record);
    return m;
  }

  private static SimCommand.Trade trade(Map<String, String> p, SimulatedTerminal t) {
    String scan = required(p, "scan_type");
    if (!scan.equals("QRCODE_PAY") && !scan.equals("SCAN_PAY")) {
      throw new IllegalArgumentException("scan_type must be QRCODE_PAY or SCAN_PAY");
    }
    String timeout = p.get("payment_timeout");
    if (timeout != null && !timeout.matches("\\d{1,5}")) {
      throw new IllegalArgumentException("payment_timeout must be seconds");
    }
    Channel channel;
    try {
      channel = Channel.fromWire(required(p, "channel"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unknown channel");
    }
    return new SimCommand.Trade(
        cents(required(p, "txamt"), t.settings().currency),
        channel,
        required(p, "out_trade_no"),
        scan.equals("QRCODE_PAY"),
        timeout == null ? null : Duration.ofSeconds(Long.parseLong(timeout)));
  }

  private static Money cents(String text, String currency) {
    if (!text.matches("\\d{1,15}") || Long.parseLong(text) == 0) {
      throw new IllegalArgumentException("txamt must be a positive integer of cents");
    }
    return Money.ofMinor(Long.parseLong(text), currency);
  }

  private static String required(Map<String, String> p, String name) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }

  private Optional<SimulatedTerminal> terminal(String termid) {
    return terminals.stream().filter(t -> t.id().equals(termid)).findFirst();
  }

  private static Map<String, Object> unbound(String termid) {
    return CloudTrades.answer(
        "1106", "Termid " + termid + " is unbounded, please login MchntApp to bind it!");
  }
}
