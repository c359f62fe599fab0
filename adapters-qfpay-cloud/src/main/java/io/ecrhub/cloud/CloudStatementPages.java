package io.ecrhub.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.CloudStatements.StatementPage;
import io.ecrhub.domain.cloud.CloudWindow;
import io.ecrhub.domain.cloud.RefusalReason;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code /trade/v1/query} by time window (protocol doc §8.3): {@code start_time} and
 * {@code end_time} always sent (QFPay needs both across months; its format is Hong Kong time to the
 * second, the end inclusive, so the window's exclusive end less a second), {@code page} from 1,
 * {@code page_size} at most 100. Each record's time is {@code sysdtm} (QFPay's), else {@code
 * txdtm}.
 */
final class CloudStatementPages {
  private static final DateTimeFormatter WIRE = QfpayCloudLedger.TXDTM;

  private CloudStatementPages() {}

  static StatementPage read(
      OpenApiTransport transport,
      String path,
      CloudWindow window,
      int page,
      int pageSize,
      Currency currency) {
    if (page < 1 || pageSize < 1 || pageSize > CloudStatements.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page from 1, page size 1-100");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("start_time", WIRE.format(window.from()));
    params.put("end_time", WIRE.format(window.to().minusSeconds(1)));
    params.put("page", Integer.toString(page));
    params.put("page_size", Integer.toString(pageSize));
    return switch (transport.query(path, params)) {
      case OpenApiTransport.Reply.NotSent n -> new StatementPage.Unavailable(n.reason());
      case OpenApiTransport.Reply.Unknown u -> new StatementPage.Unavailable(u.reason());
      case OpenApiTransport.Reply.Rejected r ->
          new StatementPage.Unavailable("QFPay refused the query: HTTP " + r.status());
      case OpenApiTransport.Reply.Answer a -> answered(a.body(), page, pageSize, currency);
    };
  }

  private static StatementPage answered(JsonNode body, int page, int pageSize, Currency currency) {
    String respcd = CloudAnswers.text(body, "respcd");
    if (RefusalReason.NO_SUCH_TRANSACTION.respcd().equals(respcd)) {
      // [INFERRED] an empty window may be answered "no such transaction" rather than an empty list
      return new StatementPage.Page(List.of(), page, true);
    }
    if (!CloudAnswers.OK.equals(respcd)) {
      return new StatementPage.Unavailable(
          "QFPay refused the query: " + respcd + " " + CloudAnswers.text(body, "resperr"));
    }
    JsonNode data = body.get("data");
    if (data == null || !data.isArray()) {
      return new StatementPage.Unavailable("QFPay's query answer has no data list");
    }
    if (data.size() > pageSize) {
      return new StatementPage.Unavailable(
          "QFPay answered " + data.size() + " records for a page of " + pageSize);
    }
    List<CloudStatementEntry> entries = new ArrayList<>(data.size());
    try {
      for (JsonNode n : data) {
        entries.add(new CloudStatementEntry(CloudAnswers.record(n, currency), time(n)));
      }
    } catch (CloudAnswers.Malformed | IllegalArgumentException e) {
      return new StatementPage.Unavailable("QFPay's query answer: " + e.getMessage());
    }
    return new StatementPage.Page(entries, page, data.size() < pageSize);
  }

  /** {@code sysdtm}, else {@code txdtm}: {@code yyyy-MM-dd HH:mm:ss}, Hong Kong time. */
  private static Instant time(JsonNode n) throws CloudAnswers.Malformed {
    for (String field : new String[] {"sysdtm", "txdtm"}) {
      String v = CloudAnswers.text(n, field);
      if (v != null && !v.isBlank()) {
        try {
          return LocalDateTime.parse(v.strip(), QfpayCloudLedger.WIRE_TIME)
              .atZone(QfpayCloudLedger.TXDTM.getZone())
              .toInstant();
        } catch (DateTimeParseException e) {
          throw new CloudAnswers.Malformed(field + " is not yyyy-MM-dd HH:mm:ss");
        }
      }
    }
    throw new CloudAnswers.Malformed("a record without sysdtm or txdtm");
  }
}
