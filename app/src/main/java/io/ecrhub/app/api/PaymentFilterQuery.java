package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filter parameters the payments list and its CSV export share (a {@code @BeanParam} of both),
 * so that both take and document the same filters, checked the same way ({@link PaymentFilters}).
 */
public class PaymentFilterQuery {
  static final String STORE = "Only payments on terminals of this store";
  static final String STATUSES =
      "PENDING, IN_PROGRESS, SUCCEEDED, DECLINED, CANCELLED, FAILED, UNKNOWN";
  static final String FROM = "Created at or after (ISO-8601)";
  static final String TO = "Created before (ISO-8601); later than from";
  static final String CURRENCY =
      "Only payments in this ISO 4217 currency; the currency of minAmount and maxAmount (the"
          + " hub's first default currency, ecrhub.terminal.currencies, when omitted)";
  static final String MIN_AMOUNT = "Smallest amount, a plain decimal such as 10.00 (inclusive)";
  static final String MAX_AMOUNT = "Largest amount, a plain decimal such as 99.50 (inclusive)";

  @QueryParam("terminalId")
  String terminalId;

  @Parameter(description = STORE)
  @QueryParam("storeId")
  String storeId;

  @Parameter(description = STATUSES)
  @QueryParam("status")
  String status;

  @Parameter(description = FROM)
  @QueryParam("from")
  String from;

  @Parameter(description = TO)
  @QueryParam("to")
  String to;

  @Parameter(description = CURRENCY)
  @QueryParam("currency")
  String currency;

  @Parameter(description = MIN_AMOUNT)
  @QueryParam("minAmount")
  String minAmount;

  @Parameter(description = MAX_AMOUNT)
  @QueryParam("maxAmount")
  String maxAmount;

  /** The filters, checked; a terminal filter must be in the caller's scope (403 otherwise). */
  PaymentDirectory.Criteria checked(
      CallerContext caller, PaymentQueries queries, HubConfig config) {
    return PaymentFilters.checked(
        caller,
        queries,
        config,
        terminalId,
        storeId,
        status,
        from,
        to,
        currency,
        minAmount,
        maxAmount);
  }
}
