package io.ecrhub.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.CloudWindow;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CloudLedger} over the Open API: {@code /trade/v1/query} (retried, it changes nothing) and
 * {@code /trade/v1/refund} (sent once; after a timeout the refund is unknown). Also the day's
 * statement ({@link CloudStatements}): the same query by time window, page by page.
 */
public final class QfpayCloudLedger implements CloudLedger, CloudStatements {
  static final String QUERY = "/trade/v1/query";
  static final String REFUND = "/trade/v1/refund";
  static final DateTimeFormatter WIRE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  static final DateTimeFormatter TXDTM = WIRE_TIME.withZone(RefundPolicy.HONG_KONG);

  private final OpenApiTransport transport;
  private final Clock clock;

  QfpayCloudLedger(OpenApiTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  @Override
  public CloudOutcome query(CloudQuery q) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("out_trade_no", q.outTradeNo());
    params.put("syssn", q.syssn());
    return CloudAnswers.queried(transport.query(QUERY, params), body -> queried(body, q));
  }

  private static CloudOutcome queried(JsonNode body, CloudQuery q) {
    JsonNode data = body.get("data");
    if (data == null || !data.isArray()) {
      return new CloudOutcome.OutcomeUnknown("QFPay's query answer has no data list");
    }
    List<CloudRecord> matching = new ArrayList<>();
    try {
      for (JsonNode n : data) {
        CloudRecord r = CloudAnswers.record(n, q.currency());
        if ((q.outTradeNo() == null || q.outTradeNo().equals(r.outTradeNo()))
            && (q.syssn() == null || q.syssn().equals(r.syssn()))) {
          matching.add(r);
        }
      }
    } catch (CloudAnswers.Malformed e) {
      return new CloudOutcome.OutcomeUnknown("QFPay's query answer: " + e.getMessage());
    }
    if (matching.isEmpty()) {
      return new CloudOutcome.Refused(
          RefusalReason.NO_SUCH_TRANSACTION, "QFPay has no such transaction", null);
    }
    return CloudAnswers.ofRecord(CloudAnswers.pick(matching), q.expected());
  }

  @Override
  public StatementPage statement(CloudWindow window, int page, int pageSize, Currency currency) {
    return CloudStatementPages.read(transport, QUERY, window, page, pageSize, currency);
  }

  @Override
  public CloudOutcome refund(CloudRefund r) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("syssn", r.originalSyssn());
    params.put("out_trade_no", r.outTradeNo());
    params.put("txamt", Long.toString(r.amount().minorUnits()));
    params.put("txdtm", TXDTM.format(r.requestedAt()));
    return switch (transport.sendOnce(REFUND, params)) {
      case OpenApiTransport.Reply.Answer a -> refunded(a.body(), r);
      case OpenApiTransport.Reply.NotSent n -> new CloudOutcome.NotSent(n.reason());
      case OpenApiTransport.Reply.Unknown u -> new CloudOutcome.OutcomeUnknown(u.reason());
      case OpenApiTransport.Reply.Rejected x ->
          new CloudOutcome.Failed("HTTP " + x.status(), "QFPay refused the refund request");
    };
  }

  private CloudOutcome refunded(JsonNode body, CloudRefund r) {
    String respcd = CloudAnswers.text(body, "respcd");
    String message = CloudAnswers.text(body, "resperr");
    if (respcd == null) {
      return new CloudOutcome.OutcomeUnknown("QFPay's refund answer has no respcd");
    }
    boolean ok = CloudAnswers.OK.equals(respcd);
    if (!ok && !CloudAnswers.PENDING.contains(respcd)) {
      return CloudAnswers.refusal(respcd, message, clock.instant());
    }
    String syssn = CloudAnswers.text(body, "syssn");
    if (syssn == null || syssn.isBlank()) {
      return ok
          ? new CloudOutcome.OutcomeUnknown("QFPay accepted the refund without its syssn")
          : new CloudOutcome.Pending(respcd, null);
    }
    // The answer's own out_trade_no and orig_syssn when QFPay returns them (null otherwise), so
    // the hub checks them against its refund instead of reading back its own request.
    String orig = CloudAnswers.text(body, "orig_syssn");
    if (orig == null) {
      orig = CloudAnswers.text(body, "origssn");
    }
    String outTradeNo = CloudAnswers.text(body, "out_trade_no");
    CloudRecord record;
    try {
      record =
          new CloudRecord(
              syssn,
              outTradeNo == null || outTradeNo.isBlank() ? null : outTradeNo,
              CloudRecord.Kind.REFUND,
              body.hasNonNull("txamt")
                  ? Money.ofMinor(
                      CloudAnswers.cents(body, "txamt"), r.amount().currency().getCurrencyCode())
                  : r.amount(),
              respcd,
              orig == null || orig.isBlank() ? null : orig,
              message);
    } catch (CloudAnswers.Malformed e) {
      return new CloudOutcome.OutcomeUnknown("QFPay's refund answer: " + e.getMessage());
    }
    return CloudAnswers.ofRecord(record, r.amount());
  }
}
