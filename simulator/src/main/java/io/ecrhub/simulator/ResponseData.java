package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code data} documents of terminal responses (protocol doc §6.3). Every value is a string.
 * Amounts ({@code txamt}, {@code originTxamt}, {@code allow_refund_amt}) are <b>dollars with two
 * decimals</b> ({@code "10.50"}): the real unit is undocumented (§4 "Amount units"), requests use
 * dollars, so the simulator answers in dollars; notifications use cents as documented. Times are
 * Hong Kong local time {@code yyyy-MM-dd HH:mm:ss}.
 */
final class ResponseData {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(RefundPolicy.HONG_KONG);

  private ResponseData() {}

  /** 1001 answer data (also used for declined/cancelled trades, with their status code). */
  static Map<String, Object> trade(SimTransaction t, String merchantName) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("respcd", t.status().respcd());
    m.put("resmsg", t.message() == null ? "" : t.message());
    m.put("reserr", t.message() == null ? "" : t.message());
    m.put("mchntnm", merchantName);
    m.put("syssn", t.syssn());
    m.put("out_trade_no", nz(t.outTradeNo()));
    m.put("busicd", t.busicd());
    m.put("txamt", t.amount().toPlainString());
    m.put("txcurrcd", t.amount().currency().getCurrencyCode());
    m.put("cardscheme", nz(t.cardScheme()));
    m.put("cardno", nz(t.cardNo()));
    m.put("sysdtm", time(t.createdAt()));
    m.put("paydtm", time(t.completedAt()));
    m.put("chnlsn", chnlsn(t));
    m.put("udid", "");
    m.put("clisn", "");
    return m;
  }

  /** 1002 answer data. */
  static Map<String, Object> refund(SimTransaction r, SimTransaction payment) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("respcd", r.status().respcd());
    m.put("resmsg", r.message() == null ? "" : r.message());
    m.put("reserr", r.message() == null ? "" : r.message());
    m.put("syssn", r.syssn());
    m.put("orig_syssn", payment.syssn());
    m.put("out_trade_no", nz(r.outTradeNo()));
    m.put("tradetp", "refund");
    m.put("busicd", r.busicd());
    m.put("txamt", r.amount().toPlainString());
    m.put("originTxamt", payment.amount().toPlainString());
    m.put("txcurrcd", r.amount().currency().getCurrencyCode());
    m.put("cardscheme", nz(r.cardScheme()));
    m.put("sysdtm", time(r.createdAt()));
    m.put("txdtm", time(r.createdAt()));
    m.put("paydtm", time(r.completedAt()));
    m.put("chnlsn", chnlsn(r));
    return m;
  }

  /** 4001 answer data: the record with its current status code. */
  static Map<String, Object> query(SimTransaction t, Instant serverTime) {
    boolean refund = t.kind() == SimTransaction.Kind.REFUND;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server_time", time(serverTime));
    m.put("respcd", t.status().respcd());
    m.put("syssn", t.syssn());
    m.put("origssn", nz(t.originalSyssn()));
    m.put("out_trade_no", nz(t.outTradeNo()));
    m.put("tradetp", refund ? "refund" : "payment");
    m.put("busicd", t.busicd());
    m.put("origbusicd", refund ? t.busicd() : "");
    m.put("txamt", t.amount().toPlainString());
    m.put("txcurrcd", t.amount().currency().getCurrencyCode());
    m.put("allow_refund_amt", t.refundable().toPlainString());
    m.put("cancel", cancelFlag(t));
    m.put("sysdtm", time(t.createdAt()));
    m.put("cardscheme", nz(t.cardScheme()));
    m.put("cardno", nz(t.cardNo()));
    m.put("cardtype", t.cardScheme() == null ? "" : "CREDIT");
    m.put("chnlsn", chnlsn(t));
    m.put("customer_source", "HK");
    m.put("desc", t.message() == null ? "" : t.message());
    return m;
  }

  /** QFPay's {@code cancel} flag: 0 none, 3 refunded, 5 partially refunded. */
  static String cancelFlag(SimTransaction t) {
    if (t.kind() != SimTransaction.Kind.PAYMENT || t.refunded().isZero()) {
      return "0";
    }
    Money left = t.amount().minus(t.refunded());
    return left.isZero() ? "3" : "5";
  }

  static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  private static String chnlsn(SimTransaction t) {
    return t.status() == SimTransaction.Status.APPROVED ? "CH" + t.syssn() : "";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
