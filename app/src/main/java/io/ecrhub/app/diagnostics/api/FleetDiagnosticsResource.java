package io.ecrhub.app.diagnostics.api;

import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.diagnostics.FleetSummary;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

  @Inject
  public FleetDiagnosticsResource(
      DiagnosticResults results, Terminals terminals, CallerContext caller, Clock clock) {
    this.results = results;
    this.terminals = terminals;
    this.caller = caller;
    this.clock = clock;
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
}
