package io.ecrhub.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.EcrCloud;
import io.ecrhub.domain.cloud.PushOutcome;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link EcrCloud} over QFPay's {@code /ecr/v1/*} (protocol doc §11): pushes sent once, the
 * terminal's record read from {@code respmsg}.
 */
public final class QfpayEcrCloud implements EcrCloud {
  static final String PAYMENT = "/ecr/v1/payment/async";
  static final String REFUND = "/ecr/v1/refund/async";
  static final String CANCEL = "/ecr/v1/cancel/async";
  static final String PRINT_RECEIPT = "/ecr/v1/print_receipt/async";
  static final String PRINT_SUMMARY = "/ecr/v1/print_summary/async";
  static final String QUERY = "/ecr/v1/query";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenApiTransport transport;
  private final Clock clock;

  QfpayEcrCloud(OpenApiTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  @Override
  public PushOutcome pushPayment(
      String deviceId, Money amount, Channel channel, String outTradeNo, Duration timeout) {
    Map<String, String> p = device(deviceId);
    p.put("txamt", Long.toString(amount.minorUnits()));
    p.put("channel", channel.wire());
    p.put("out_trade_no", outTradeNo);
    // the terminal scans the customer's code unless the channel only shows a QR code (FPS)
    p.put("scan_type", channel.cpmPaytype() == null ? "QRCODE_PAY" : "SCAN_PAY");
    if (timeout != null) {
      p.put("payment_timeout", Long.toString(Math.max(1, timeout.toSeconds())));
    }
    return push(PAYMENT, p);
  }

  @Override
  public PushOutcome pushRefund(String deviceId, String syssn, Money amount) {
    Map<String, String> p = device(deviceId);
    p.put("syssn", syssn);
    if (amount != null) {
      p.put("txamt", Long.toString(amount.minorUnits()));
    }
    return push(REFUND, p);
  }

  @Override
  public PushOutcome pushCancel(String deviceId) {
    return push(CANCEL, device(deviceId));
  }

  @Override
  public PushOutcome pushPrintReceipt(String deviceId, String syssn, String outTradeNo) {
    Map<String, String> p = device(deviceId);
    p.put("syssn", syssn);
    p.put("out_trade_no", outTradeNo);
    return push(PRINT_RECEIPT, p);
  }

  @Override
  public PushOutcome pushPrintSummary(String deviceId) {
    return push(PRINT_SUMMARY, device(deviceId));
  }

  @Override
  public CloudOutcome query(String deviceId, CloudQuery q) {
    Map<String, String> p = device(deviceId);
    p.put("syssn", q.syssn());
    p.put("out_trade_no", q.outTradeNo());
    return CloudAnswers.queried(transport.query(QUERY, p), body -> queried(body, q));
  }

  private static CloudOutcome queried(JsonNode body, CloudQuery q) {
    try {
      JsonNode record = body.get("respmsg");
      if (record != null && record.isTextual()) {
        record = JSON.readTree(record.asText()); // tolerate a JSON-encoded string
      }
      if (record == null || !record.isObject()) {
        return new CloudOutcome.OutcomeUnknown("QFPay's ECR query answer has no record");
      }
      CloudRecord r = CloudAnswers.record(record, q.currency());
      if ((q.syssn() != null && !q.syssn().equals(r.syssn()))
          || (q.outTradeNo() != null && !q.outTradeNo().equals(r.outTradeNo()))) {
        return new CloudOutcome.OutcomeUnknown("QFPay answered about another transaction");
      }
      return CloudAnswers.ofRecord(r, q.expected());
    } catch (CloudAnswers.Malformed | IOException e) {
      return new CloudOutcome.OutcomeUnknown("QFPay's ECR query answer: " + e.getMessage());
    }
  }

  private PushOutcome push(String path, Map<String, String> params) {
    return switch (transport.sendOnce(path, params)) {
      case OpenApiTransport.Reply.Answer a -> pushed(a.body());
      case OpenApiTransport.Reply.NotSent n -> new CloudOutcome.NotSent(n.reason());
      case OpenApiTransport.Reply.Unknown u -> new CloudOutcome.OutcomeUnknown(u.reason());
      case OpenApiTransport.Reply.Rejected r ->
          new CloudOutcome.Failed("HTTP " + r.status(), "QFPay refused the push");
    };
  }

  private PushOutcome pushed(JsonNode body) {
    String respcd = CloudAnswers.text(body, "respcd");
    String message = CloudAnswers.text(body, "resperr");
    if (CloudAnswers.OK.equals(respcd)) {
      return new PushOutcome.Pushed(message);
    }
    if (respcd == null) {
      return new CloudOutcome.OutcomeUnknown("QFPay's push answer has no respcd");
    }
    return (PushOutcome) CloudAnswers.refusal(respcd, message, clock.instant());
  }

  private static Map<String, String> device(String deviceId) {
    if (deviceId == null || deviceId.isBlank()) {
      throw new IllegalArgumentException("an ECR cloud terminal needs its Device ID");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("termid", deviceId);
    return p;
  }
}
