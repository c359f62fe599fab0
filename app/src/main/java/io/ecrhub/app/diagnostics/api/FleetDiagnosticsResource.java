package io.ecrhub.app.diagnostics.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.diagnostics.FleetRuns;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.app.web.Paging;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.diagnostics.FleetSummary;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fleet's diagnostics at a glance, from the stored runs, within the API key's scope. */
@Path("/api/v1/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diagnostics")
@SecurityRequirement(name = "bearer")
@Authenticated
public class FleetDiagnosticsResource {
  private final DiagnosticResults results;
  private final Terminals terminals;
  private final CallerContext caller;
  private final Clock clock;
  private final FleetRuns fleetRuns;
  private final HubConfig config;

  @Inject
  public FleetDiagnosticsResource(
      DiagnosticResults results,
      Terminals terminals,
      CallerContext caller,
      Clock clock,
      FleetRuns fleetRuns,
      HubConfig config) {
    this.results = results;
    this.terminals = terminals;
    this.caller = caller;
    this.clock = clock;
    this.fleetRuns = fleetRuns;
    this.config = config;
  }

  @GET
  @Operation(
      operationId = "getFleetDiagnostics",
      summary = "Latest verdict per terminal, counts, and the checks failing most")
  public DiagnosticsViews.FleetView fleet() {
    List<TerminalId> visible =
        terminals.all().stream().filter(caller::covers).map(Terminal::id).toList();
    return DiagnosticsViews.FleetView.of(
        FleetSummary.of(visible, results.latestPerTerminal(), clock.instant()));
  }

  @GET
  @Path("terminals")
  @Operation(
      operationId = "listLastDiagnosticsRuns",
      summary = "Terminals in the key's scope with each one's newest run, ordered by id",
      description =
          "One page, one query: every check of the newest stored run (status, evidence, fix);"
              + " lastRun is null for a terminal never diagnosed.")
  public DiagnosticsViews.LastRunPage lastRuns(
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor) {
    int n = Paging.limit(limit, config.api());
    String c = Paging.cursor(cursor);
    Page<FleetRuns.LastRun> page =
        fleetRuns.page(caller.caller().scope(), c == null ? null : Cursors.idOf(c), n);
    return new DiagnosticsViews.LastRunPage(
        page.items().stream().map(DiagnosticsViews.LastRunView::of).toList(),
        page.nextCursor() == null ? null : Cursors.ofId(page.nextCursor()),
        caller.caller().isAdmin());
  }
}
