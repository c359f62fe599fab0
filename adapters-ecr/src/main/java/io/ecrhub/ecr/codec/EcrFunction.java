package io.ecrhub.ecr.codec;

import io.ecrhub.domain.terminal.TerminalCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/** func_type codes with their HTTP paths (protocol doc §2.1) and request content (§4). */
public enum EcrFunction {
  TRADE(1001, "/api/pos/trade"),
  REFUND(1002, "/api/pos/cancel"),
  PRINT_RECEIPT(3001, "/api/pos/print_receipt"),
  PRINT_SUMMARY(3002, "/api/pos/transaction_info"),
  QUERY(4001, "/api/pos/query_transaction"),
  CANCEL_REQUEST(5001, "/api/pos/cancel_request");

  private final int code;
  private final String path;

  EcrFunction(int code, String path) {
    this.code = code;
    this.path = path;
  }

  public int code() {
    return code;
  }

  public String path() {
    return path;
  }

  public static EcrFunction of(TerminalCommand command) {
    return ofCode(command.funcType());
  }

  public static EcrFunction ofCode(int code) {
    for (EcrFunction f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown func_type " + code);
  }

  /** The function served at {@code path}, or null. */
  public static EcrFunction ofPath(String path) {
    for (EcrFunction f : values()) {
      if (f.path.equals(path)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The request content of a command, typed as Odoo sends it: func_type and the integer options as
   * integers, {@code amt} as a bare decimal in dollars, everything else as strings.
   */
  public static Map<String, Object> content(TerminalCommand command) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("func_type", command.funcType());
    switch (command) {
      case TerminalCommand.Pay p -> {
        m.put("amt", p.amount().amount());
        m.put("channel", p.channel().wire());
        m.put("out_trade_no", p.outTradeNo().value());
        if (p.paymentTimeout() != null) {
          m.put("payment_timeout", (int) p.paymentTimeout().toSeconds());
        }
      }
      case TerminalCommand.Refund r -> {
        m.put("orderId", r.originalSyssn().value());
        if (r.amount() != null) {
          m.put("refund_amount", r.amount().toPlainString());
        }
      }
      case TerminalCommand.PrintReceipt pr -> m.put("orderId", pr.syssn().value());
      case TerminalCommand.PrintSummary ps -> {}
      case TerminalCommand.Query q -> {
        if (q.syssn() != null) {
          m.put("orderId", q.syssn().value());
        } else {
          m.put("out_trade_no", q.outTradeNo().value());
        }
      }
      case TerminalCommand.CancelRequest c -> {}
    }
    return m;
  }
}
