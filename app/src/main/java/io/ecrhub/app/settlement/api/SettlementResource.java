package io.ecrhub.app.settlement.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.settlement.SettlementReports;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.Paging;
import io.ecrhub.domain.settlement.SettlementReport;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The daily statement (issue #14 use 5, ADR 0023): the hub's ledger against QFPay's cloud for one
 * business day, as JSON or CSV, and the nightly job's stored runs. It covers the whole merchant
 * account (QFPay's records name no terminal or store), so it needs an unscoped admin key.
 */
@Path("/api/v1/reports/settlement")
@Tag(name = "Reports")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class SettlementResource {
  static final String CSV = "text/csv";

  private final SettlementReports reports;
  private final HubConfig config;

  @Inject
  public SettlementResource(SettlementReports reports, HubConfig config) {
    this.reports = reports;
    this.config = config;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV})
  @Operation(
      operationId = "getSettlementReport",
      summary = "The hub's ledger against QFPay's cloud for one business day",
      description =
          "Reads QFPay's /trade/v1/query for the day (time window, every page) and the hub's"
              + " payments and refunds, and pairs them: matched, amounts that differ, only at"
              + " QFPay, only in the hub. JSON, or CSV with Accept: text/csv or format=csv. 422"
              + " CLOUD_NOT_CONFIGURED without a QFPay cloud account; 503 CLOUD_UNAVAILABLE when"
              + " QFPay's statement could not be read in full.")
  @APIResponse(
      responseCode = "200",
      description = "The statement",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SettlementViews.ReportView.class)),
        @Content(
            mediaType = CSV,
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description = "Header: " + SettlementCsv.HEADER + "; one row per line"))
      })
  @APIResponse(responseCode = "422", description = "No QFPay cloud account is configured")
  @APIResponse(responseCode = "503", description = "QFPay's statement could not be read")
  public Response report(
      @Parameter(
              description = "The business day, YYYY-MM-DD (in ecrhub.reports.settlement.zone)",
              required = true)
          @QueryParam("date")
          String date,
      @Parameter(description = "json or csv (default: from Accept)") @QueryParam("format")
          String format,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    LocalDate day = date(date);
    boolean csv = csv(format, accept);
    SettlementReport r = reports.report(day);
    return csv
        ? Response.ok(SettlementCsv.of(r), CSV + "; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"settlement-" + day + ".csv\"")
            .build()
        : Response.ok(SettlementViews.ReportView.of(r), MediaType.APPLICATION_JSON).build();
  }

  @GET
  @Path("runs")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listSettlementRuns",
      summary = "The nightly statement's stored runs, newest first",
      description = "Counts and status per run; GET one run for the lines that did not match.")
  @APIResponse(responseCode = "200", description = "One page of runs")
  public PageView<SettlementViews.RunView> runs(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    Page<SettlementRun> page =
        reports.runs(Paging.cursor(cursor), Paging.limit(limit, config.api()));
    return new PageView<>(
        page.items().stream().map(SettlementViews.RunView::of).toList(), page.nextCursor());
  }

  @GET
  @Path("runs/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getSettlementRun",
      summary = "One stored run of the nightly statement, with the lines that did not match")
  @APIResponse(responseCode = "200", description = "The run")
  public SettlementViews.RunView run(@PathParam("id") String id) {
    if (id == null || !id.matches("set_[a-z0-9]{1,32}")) {
      throw new io.ecrhub.domain.shared.NotFoundException(
          "SETTLEMENT_RUN_NOT_FOUND", "no settlement run " + id);
    }
    return SettlementViews.RunView.of(reports.findRun(id));
  }

  static LocalDate date(String text) {
    ValidationException.require(
        text != null && text.matches("\\d{4}-\\d{2}-\\d{2}"),
        "INVALID_DATE",
        "date",
        "date is required as YYYY-MM-DD");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ValidationException("INVALID_DATE", "date", "date " + text + " is not a day");
    }
  }

  static boolean csv(String format, String accept) {
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!f.equals("csv") && !f.equals("json")) {
        throw new ValidationException("INVALID_FORMAT", "format", "format must be csv or json");
      }
      return f.equals("csv");
    }
    return accept != null
        && accept.toLowerCase(Locale.ROOT).contains(CSV)
        && !accept.toLowerCase(Locale.ROOT).contains(MediaType.APPLICATION_JSON);
  }
}
