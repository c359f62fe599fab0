package io.ecrhub.app.diagnostics.api;

import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.diagnostics.DiagnoseTerminal;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Diagnostics of one terminal: run QFPay's ECR checklist now (short timeouts, never a payment) and
 * read the stored runs for trends, within the API key's scope.
 */
@Path("/api/v1/terminals/{id}/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Diagnostics")
@SecurityRequirement(name = "bearer")
public class TerminalDiagnosticsResource {
  private final DiagnoseTerminal diagnose;
  private final DiagnosticResults results;
  private final Terminals terminals;
  private final CallerContext caller;
  private final Clock clock;

  @Inject
  public TerminalDiagnosticsResource(
      DiagnoseTerminal diagnose,
      DiagnosticResults results,
      Terminals terminals,
      CallerContext caller,
      Clock clock) {
    this.diagnose = diagnose;
    this.results = results;
    this.terminals = terminals;
    this.caller = caller;
    this.clock = clock;
  }

  @POST
  @RolesAllowed(ApiRoles.ADMIN)
  @Operation(
      operationId = "runTerminalDiagnostics",
      summary = "Run every check now (admin) (seconds, no money moves); the run is stored",
      description = "Each check: pass / warn / fail / skipped, the evidence and the fix.")
  public DiagnosticsViews.ReportView run(@PathParam("id") String id) {
    Terminal t = visible(id);
    return DiagnosticsViews.ReportView.of(diagnose.diagnose(t.id()));
  }

  @Authenticated
  @GET
  @Path("history")
  @Operation(
      operationId = "listTerminalDiagnostics",
      summary = "Stored runs of one terminal, newest first")
  public List<DiagnosticsViews.ReportView> history(
      @PathParam("id") String id, @QueryParam("limit") Integer limit) {
    Terminal t = visible(id);
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > 200) {
      throw new ValidationException("INVALID_LIMIT", "limit", "limit must be 1-200");
    }
    return results.history(t.id(), n).stream().map(DiagnosticsViews.ReportView::of).toList();
  }

  private Terminal visible(String id) {
    TerminalId tid;
    try {
      tid = TerminalId.of(id);
    } catch (ValidationException e) {
      throw new NotFoundException("TERMINAL_NOT_FOUND", "no terminal with that id");
    }
    Terminal t =
        terminals
            .findById(tid)
            .orElseThrow(() -> new NotFoundException("TERMINAL_NOT_FOUND", "no terminal " + id));
    caller.requireTerminal(t);
    return t;
  }
}
