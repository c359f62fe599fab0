package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.terminal.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a terminal's approval ({@code 6000}) answers the request it claims to answer (ADR 0007):
 * the identifiers in its {@code data} (protocol notes §6.3) must be ours and the amount ours. A
 * field that differs never settles anything. A field the notes promise but the answer lacks is
 * tolerated only where the channel authenticates the terminal (pinned HTTPS, the serial cable):
 * there the transaction settles and asks for confirmation; over plain HTTP or TCP it is a missing
 * identifier, and missing is as bad as different.
 */
final class AnswerBinding {
  private AnswerBinding() {}

  /** The answer's standing. */
  sealed interface Result {}

  /**
   * The answer names this transaction.
   *
   * @param confirmedBy what vouches for it
   * @param confirmationPending true when only a signed notification (or the cloud) can confirm it:
   *     the channel is not authenticated, or a promised field was missing
   */
  record Bound(ConfirmedBy confirmedBy, boolean confirmationPending) implements Result {}

  /** The answer does not (provably) name this transaction; {@code note} says what differed. */
  record Mismatch(String note) implements Result {}

  /**
   * Whether answers over {@code t} come from an authenticated peer (the pinned terminal, the cable,
   * QFPay's API over TLS).
   */
  static boolean authenticated(Transport t) {
    return t == Transport.HTTPS || t == Transport.SERIAL || t == Transport.CLOUD;
  }

  /** The assurance of a trade or refund answer received over {@code t}. */
  static ConfirmedBy assuranceOf(Transport t) {
    return switch (t) {
      case HTTPS -> ConfirmedBy.TERMINAL_TLS;
      case SERIAL -> ConfirmedBy.TERMINAL_SERIAL;
      case CLOUD -> ConfirmedBy.CLOUD;
      case HTTP, TCP -> ConfirmedBy.TERMINAL_PLAIN;
    };
  }

  /** A 1001 approval: our out_trade_no, our amount, our currency when stated. */
  static Result ofTrade(TransactionReport r, Payment p, Transport t) {
    Check c = new Check("payment answer");
    c.same("out_trade_no", r.outTradeNo(), p.outTradeNo().value());
    c.amount("txamt", r.amountText(), p.amount());
    c.currency(r.currency(), p.amount());
    c.present("respcd", r.statusCode());
    return c.result(t, assuranceOf(t));
  }

  /**
   * A 1002 approval: orig_syssn (orderId, origssn) is the payment's syssn, the refund amount ours,
   * our currency when stated.
   */
  static Result ofRefund(TransactionReport r, Refund refund, Syssn paymentSyssn, Transport t) {
    Check c = new Check("refund answer");
    c.same("orig_syssn", r.originalSyssn(), paymentSyssn == null ? null : paymentSyssn.value());
    c.amount("txamt", r.amountText(), refund.amount());
    c.currency(r.currency(), refund.amount());
    c.present("respcd", r.statusCode());
    return c.result(t, assuranceOf(t));
  }

  /**
   * A 4001 answer about a payment (its documented data has no out_trade_no): the payment's syssn
   * when the hub knows it, an out_trade_no (when echoed) that is ours, tradetp {@code payment}, the
   * payment's amount, its currency when stated.
   */
  static Result ofPaymentQuery(TransactionReport r, Payment p, Transport t) {
    Check c = new Check("query answer");
    if (p.syssn().isPresent()) {
      c.same("syssn", r.syssn(), p.syssn().get().value());
    }
    if (r.outTradeNo() != null) {
      c.same("out_trade_no", r.outTradeNo(), p.outTradeNo().value());
    }
    c.same("tradetp", lower(r.tradeType()), "payment");
    c.amount("txamt", r.amountText(), p.amount());
    c.currency(r.currency(), p.amount());
    c.present("respcd", r.statusCode());
    return c.result(t, ConfirmedBy.QUERY);
  }

  private static String lower(String s) {
    return s == null ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Collects what is missing and what differs. */
  private static final class Check {
    private final String what;
    private final List<String> missing = new ArrayList<>();
    private final List<String> differs = new ArrayList<>();

    Check(String what) {
      this.what = what;
    }

    void present(String field, String actual) {
      if (actual == null || actual.isBlank()) {
        missing.add(field);
      }
    }

    void same(String field, String actual, String expected) {
      if (actual == null || actual.isBlank()) {
        missing.add(field);
      } else if (expected == null || !expected.equals(actual.trim())) {
        differs.add(field + " " + clip(actual) + " is not " + expected);
      }
    }

    void amount(String field, String actual, Money expected) {
      if (actual == null || actual.isBlank()) {
        missing.add(field);
      } else if (!AnswerAmounts.equal(actual, expected)) {
        differs.add(
            field + " " + clip(actual) + " is not " + expected + " (in dollars or in cents)");
      }
    }

    void currency(String actual, Money expected) {
      String code = expected.currency().getCurrencyCode();
      if (actual != null && !actual.isBlank() && !code.equalsIgnoreCase(actual.trim())) {
        differs.add("txcurrcd " + clip(actual) + " is not " + code);
      }
    }

    Result result(Transport t, ConfirmedBy by) {
      if (!differs.isEmpty()) {
        return new Mismatch(
            what + " over " + t + " names another transaction: " + String.join("; ", differs));
      }
      if (!missing.isEmpty() && !authenticated(t)) {
        return new Mismatch(
            what
                + " over "
                + t
                + " (no authenticated peer) lacks "
                + String.join(", ", missing)
                + "; not settled on it");
      }
      return new Bound(by, !missing.isEmpty() || !authenticated(t));
    }

    private static String clip(String s) {
      String t = s.trim();
      return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "'";
    }
  }
}
