package io.ecrhub.app.mms.api;

import io.ecrhub.app.mms.MmsSyncs;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MMS configuration: import the POS Key List (upload, configured file, partner API), review held
 * changes, read the audit log. Changes need an admin key without a store scope.
 */
@Path("/api/v1/mms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "MMS configuration")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class MmsResource {
  private final MmsSyncs syncs;
  private final ConfigAudit audit;
  private final CallerContext caller;
  private final Terminals terminals;

  @Inject
  public MmsResource(MmsSyncs syncs, ConfigAudit audit, CallerContext caller, Terminals terminals) {
    this.syncs = syncs;
    this.audit = audit;
    this.caller = caller;
    this.terminals = terminals;
  }

  @POST
  @Path("imports")
  @Consumes({"text/csv", "application/json", "text/plain", "application/octet-stream"})
  @Operation(
      operationId = "importMmsConfig",
      summary = "Import an MMS POS Key List (CSV or JSON); bad rows are reported, good rows apply")
  public MmsViews.ReportView upload(
      byte[] body,
      @HeaderParam("Content-Type") String contentType,
      @Parameter(description = "csv or json (default: from Content-Type)") @QueryParam("format")
          String format,
      @Parameter(description = "A label for the audit log, e.g. the file name") @QueryParam("name")
          String name,
      @Parameter(description = "true: a partial list (devices not listed are not removed)")
          @QueryParam("partial")
          boolean partial,
      @Parameter(description = "true: hold every change for review, whatever the policy")
          @QueryParam("review")
          boolean review) {
    String label = name == null || name.isBlank() ? "upload" : name.strip();
    if (!label.matches("[A-Za-z0-9 ._()-]{1,100}")) {
      throw new ValidationException(
          "INVALID_NAME", "name", "name must be 1-100 of letters, digits, space . _ ( ) -");
    }
    return MmsViews.ReportView.of(
        syncs.upload(
            format(format, contentType),
            label,
            body == null ? new byte[0] : body,
            partial,
            review,
            actor()));
  }

  @POST
  @Path("imports/file")
  @Operation(
      operationId = "importMmsConfigFile",
      summary = "Import the POS Key List file configured as ecrhub.mms.import-file")
  public MmsViews.ReportView file() {
    return MmsViews.ReportView.of(syncs.file(actor()));
  }

  @POST
  @Path("pull")
  @Operation(operationId = "pullMmsConfig", summary = "Pull the configured device-list API now")
  public MmsViews.ReportView pull() {
    return MmsViews.ReportView.of(syncs.pull(actor()));
  }

  @GET
  @Path("pull")
  @Operation(
      operationId = "getMmsPullState",
      summary = "State of the pull source (circuit breaker)")
  public MmsViews.PullView pullState() {
    return syncs
        .pullHealth()
        .map(
            h ->
                new MmsViews.PullView(
                    true, h.state(), h.consecutiveFailures(), h.openUntil(), h.lastError()))
        .orElse(new MmsViews.PullView(false, null, 0, null, null));
  }

  @GET
  @Path("held")
  @Operation(operationId = "listHeldMmsSyncs", summary = "Syncs held for review, oldest first")
  public List<MmsViews.HeldView> held() {
    var pending = syncs.pending();
    if (pending.isEmpty()) {
      return List.of();
    }
    // the registry's values now, for the before/after of each setting (one read, not one a device)
    Map<TerminalId, Terminal> registry = new HashMap<>();
    terminals.all().forEach(t -> registry.put(t.id(), t));
    return pending.stream().map(h -> MmsViews.HeldView.of(h, registry::get)).toList();
  }

  @POST
  @Path("held/{id}/approve")
  @Operation(
      operationId = "approveHeldMmsSync",
      summary = "Apply a held sync (each device re-checked against the registry)")
  public MmsViews.ReportView approve(@PathParam("id") String id) {
    return MmsViews.ReportView.of(syncs.approve(id, actor()));
  }

  @POST
  @Path("held/{id}/reject")
  @Operation(operationId = "rejectHeldMmsSync", summary = "Discard a held sync")
  public MmsViews.ReportView reject(@PathParam("id") String id) {
    return MmsViews.ReportView.of(syncs.reject(id, actor()));
  }

  @GET
  @Path("audit")
  @Operation(operationId = "listMmsAudit", summary = "The configuration audit log, newest first")
  public List<MmsViews.AuditView> audit(
      @Parameter(description = "1-500 (default 100)") @QueryParam("limit") Integer limit) {
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 500) {
      throw new ValidationException("INVALID_LIMIT", "limit", "limit must be 1-500");
    }
    return audit.recent(n).stream().map(MmsViews.AuditView::of).toList();
  }

  private String actor() {
    return "api-key:" + caller.caller().keyId();
  }

  private static String format(String format, String contentType) {
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    if (f.isEmpty()) {
      return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
          ? "json"
          : "csv";
    }
    if (!f.equals("csv") && !f.equals("json")) {
      throw new ValidationException("INVALID_FORMAT", "format", "format must be csv or json");
    }
    return f;
  }
}
