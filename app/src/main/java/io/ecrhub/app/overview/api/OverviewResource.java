package io.ecrhub.app.overview.api;

import io.ecrhub.app.overview.Overview;
import io.ecrhub.app.overview.OverviewService;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.shared.ValidationException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The console's landing page in one round trip, within the API key's scope. */
@Path("/api/v1/overview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Overview")
@SecurityRequirement(name = "bearer")
@Authenticated
public class OverviewResource {
  /** "Today" when the caller does not say: the calendar day in Hong Kong, where QFPay settles. */
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Hong_Kong");

  private final OverviewService overview;
  private final CallerContext caller;
  private final Clock clock;

  @Inject
  public OverviewResource(OverviewService overview, CallerContext caller, Clock clock) {
    this.overview = overview;
    this.caller = caller;
    this.clock = clock;
  }

  @GET
  @Operation(
      operationId = "getOverview",
      summary = "Terminals by status, today's payments, the last 24 hours, money in doubt",
      description =
          "Everything limited to the key's scope; notification intake health for unscoped admin"
              + " keys only. At most 50 terminals needing action and 25 payments and 25 refunds in"
              + " doubt are listed (the counts and the more* flags cover the rest).")
  public Overview get(
      @Parameter(
              description =
                  "Start of the caller's day (ISO-8601 instant within the last 48 hours); midnight"
                      + " in Hong Kong when omitted")
          @QueryParam("from")
          String from) {
    return overview.overview(caller.caller(), todayFrom(from));
  }

  private Instant todayFrom(String text) {
    Instant now = clock.instant();
    if (text == null || text.isBlank()) {
      return LocalDate.ofInstant(now, DEFAULT_ZONE).atStartOfDay(DEFAULT_ZONE).toInstant();
    }
    Instant from;
    try {
      from = Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "INVALID_TIME", "from", "from must be an ISO-8601 instant such as 2026-11-26T16:00:00Z");
    }
    if (from.isAfter(now) || from.isBefore(now.minus(Duration.ofHours(48)))) {
      throw new ValidationException(
          "INVALID_TIME", "from", "from must be within the last 48 hours (the start of today)");
    }
    return from;
  }
}
