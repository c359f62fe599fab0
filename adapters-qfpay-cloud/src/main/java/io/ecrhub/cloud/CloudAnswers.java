package io.ecrhub.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads Open API answers into domain terms: records with exact amounts (integer cents only), status
 * codes (§8.4) into outcomes. Vendor codes stay here; the domain sees {@link RefusalReason}s.
 */
final class CloudAnswers {
  /** Keep querying: 1143 (customer entering the password), 1145 (processing); Odoo adds 1298. */
  static final Set<String> PENDING = Set.of("1143", "1145", "1298");

  static final String OK = "0000";
  private static final Pattern CENTS = Pattern.compile("\\d{1,15}");

  private CloudAnswers() {}

  /** An answer that cannot be read as documented. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** Exact integer cents, from a JSON number or a string of digits; nothing else. */
  static long cents(JsonNode n, String field) throws Malformed {
    JsonNode v = n.get(field);
    if (v != null && v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0) {
      return v.asLong();
    }
    if (v != null && v.isTextual() && CENTS.matcher(v.asText()).matches()) {
      return Long.parseLong(v.asText());
    }
    throw new Malformed(field + " is not an amount in cents");
  }

  /** One transaction of a query answer ({@code data[i]} or the ECR cloud's {@code respmsg}). */
  static CloudRecord record(JsonNode n, Currency fallback) throws Malformed {
    String syssn = text(n, "syssn");
    String respcd = text(n, "respcd");
    if (syssn == null || syssn.isBlank() || respcd == null) {
      throw new Malformed("a record without syssn or respcd");
    }
    String currencyCode = text(n, "txcurrcd");
    Currency currency;
    try {
      currency = currencyCode == null ? fallback : Money.currency(currencyCode);
    } catch (RuntimeException e) {
      throw new Malformed("unknown currency " + currencyCode);
    }
    String orig = text(n, "origssn");
    if (orig == null) {
      orig = text(n, "orig_syssn");
    }
    String type = text(n, "order_type");
    CloudRecord.Kind kind =
        "refund".equalsIgnoreCase(type) || (type == null && orig != null && !orig.isBlank())
            ? CloudRecord.Kind.REFUND
            : CloudRecord.Kind.PAYMENT;
    String message = text(n, "errmsg");
    Money refundable =
        n.hasNonNull("allow_refund_amt")
            ? Money.ofMinor(cents(n, "allow_refund_amt"), currency.getCurrencyCode())
            : null;
    return new CloudRecord(
        syssn,
        text(n, "out_trade_no"),
        kind,
        Money.ofMinor(cents(n, "txamt"), currency.getCurrencyCode()),
        respcd,
        orig == null || orig.isBlank() ? null : orig,
        message == null ? text(n, "resperr") : message,
        refundable);
  }

  /** What a record says: settled (and whether it carries our amount), pending or failed. */
  static CloudOutcome ofRecord(CloudRecord r, Money expected) {
    if (OK.equals(r.respcd())) {
      return expected != null && !expected.equals(r.amount())
          ? new CloudOutcome.Mismatch(r, expected)
          : new CloudOutcome.Settled(r);
    }
    if (PENDING.contains(r.respcd())) {
      return new CloudOutcome.Pending(r.respcd(), r);
    }
    return new CloudOutcome.Failed(r.respcd(), r.message());
  }

  /**
   * The record to believe among several with the same reference: success, else pending, else last.
   */
  static CloudRecord pick(List<CloudRecord> records) {
    CloudRecord pending = null;
    for (CloudRecord r : records) {
      if (OK.equals(r.respcd())) {
        return r;
      }
      if (PENDING.contains(r.respcd())) {
        pending = r;
      }
    }
    return pending != null ? pending : records.getLast();
  }

  /**
   * What a query came to: {@code onOk} reads a {@code 0000} answer. A query that QFPay refused or
   * never answered says nothing about the transaction, so it is unknown (or not sent), never
   * failed; only "no such transaction" and "device not bound" are answers about it.
   */
  static CloudOutcome queried(OpenApiTransport.Reply reply, Function<JsonNode, CloudOutcome> onOk) {
    return switch (reply) {
      case OpenApiTransport.Reply.NotSent n -> new CloudOutcome.NotSent(n.reason());
      case OpenApiTransport.Reply.Unknown u -> new CloudOutcome.OutcomeUnknown(u.reason());
      case OpenApiTransport.Reply.Rejected r ->
          new CloudOutcome.OutcomeUnknown("QFPay refused the query: HTTP " + r.status());
      case OpenApiTransport.Reply.Answer a -> {
        String respcd = text(a.body(), "respcd");
        String message = text(a.body(), "resperr");
        if (OK.equals(respcd)) {
          yield onOk.apply(a.body());
        }
        yield RefusalReason.ofRespcd(respcd)
            .filter(
                r -> r == RefusalReason.NO_SUCH_TRANSACTION || r == RefusalReason.DEVICE_NOT_BOUND)
            .<CloudOutcome>map(r -> new CloudOutcome.Refused(r, message, null))
            .orElseGet(
                () ->
                    new CloudOutcome.OutcomeUnknown(
                        "QFPay refused the query: " + respcd + " " + message));
      }
    };
  }

  /**
   * A request QFPay refused with {@code respcd}: a typed refusal when the hub explains it, else a
   * failure. Only for requests whose refusal means nothing happened (refunds, pushes).
   */
  static CloudOutcome refusal(String respcd, String message, Instant at) {
    return RefusalReason.ofRespcd(respcd)
        .<CloudOutcome>map(
            r ->
                new CloudOutcome.Refused(
                    r,
                    message,
                    r == RefusalReason.REFUND_WINDOW_CLOSED
                        ? RefusalReason.windowReopensAfter(at)
                        : null))
        .orElseGet(() -> new CloudOutcome.Failed(respcd, message));
  }
}
