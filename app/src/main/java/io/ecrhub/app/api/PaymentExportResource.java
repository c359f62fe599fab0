package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The payments list as CSV (RFC 4180) for a spreadsheet or the books: the same filters and scope as
 * {@code GET /api/v1/payments}, every matching payment newest first, streamed page by page (one
 * indexed query per {@value #BATCH} rows, each in its own short transaction) and bounded at {@value
 * #MAX_ROWS} rows. Amounts are exact decimal strings at the currency's scale, next to the currency.
 */
@Path("/api/v1/payments.csv")
@Produces(PaymentExportResource.CSV)
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
@Authenticated
public class PaymentExportResource {
  static final String CSV = "text/csv";
  static final int BATCH = 500;
  static final int MAX_ROWS = 100_000;
  static final String HEADER =
      "id,created_at,terminal_id,status,amount,currency,refunded_amount,channel,reference,"
          + "out_trade_no,qfpay_transaction_id,card_scheme,masked_card_number,failure_code,"
          + "review_note,confirmed_by";
  static final String MORE = "# more payments match than the export holds; narrow the filters";

  private final PaymentQueries queries;
  private final CallerContext caller;
  private final HubConfig config;

  @Inject
  public PaymentExportResource(PaymentQueries queries, CallerContext caller, HubConfig config) {
    this.queries = queries;
    this.caller = caller;
    this.config = config;
  }

  @GET
  @Operation(
      operationId = "exportPayments",
      summary = "The filtered payments list as CSV, newest first",
      description =
          "Same filters and scope as listPayments. At most 100,000 rows; when more match, the"
              + " last line is '"
              + MORE
              + "'. Text a spreadsheet would take for a formula gets a leading apostrophe.")
  @APIResponse(
      responseCode = "200",
      description = "Header: " + HEADER + "; one row per payment",
      content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "400",
      description =
          "INVALID_TIME, INVALID_STATUS, INVALID_STORE_ID, INVALID_CURRENCY, INVALID_AMOUNT,"
              + " INVALID_RANGE")
  public Response export(@BeanParam PaymentFilterQuery filters) {
    // checked before the first byte goes out, so a bad filter is a problem document
    PaymentDirectory.Criteria criteria = filters.checked(caller, queries, config);
    Scope scope = caller.caller().scope();
    StreamingOutput body =
        out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          w.write(HEADER);
          w.write("\r\n");
          boolean more;
          try {
            more = queries.forEach(criteria, scope, BATCH, MAX_ROWS, page -> rows(w, page));
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
          if (more) {
            w.write(MORE);
            w.write("\r\n");
          }
          w.flush();
        };
    return Response.ok(body, CSV + "; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"payments.csv\"")
        .build();
  }

  private static void rows(Writer w, List<Payment> page) {
    try {
      for (Payment p : page) {
        w.write(row(p));
      }
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String row(Payment p) {
    return String.join(
            ",",
            text(p.id().value()),
            p.createdAt().toString(),
            text(p.terminalId().value()),
            p.status().name(),
            p.amount().toPlainString(),
            p.amount().currency().getCurrencyCode(),
            p.refundedAmount().toPlainString(),
            text(p.channel().wire()),
            text(p.reference().orElse(null)),
            text(p.outTradeNo().value()),
            text(p.syssn().map(Syssn::value).orElse(null)),
            text(p.cardScheme().orElse(null)),
            text(p.maskedCardNumber().orElse(null)),
            text(p.failureReason().map(Enum::name).orElse(null)),
            text(p.reviewNote().orElse(null)),
            text(p.confirmedBy().map(ConfirmedBy::key).orElse(null)))
        + "\r\n";
  }

  /** A text field: formula-safe ({@code = + - @} first gets an apostrophe), quoted when needed. */
  static String text(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String v = "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
