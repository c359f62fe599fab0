package io.ecrhub.app.api;

import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.app.web.Problem;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * A terminal's pinned TLS leaf and a changed leaf awaiting approval. The channel pins the first
 * trusted leaf and refuses a different one (recording it as pending); an admin who has checked the
 * terminal approves exactly that pending leaf here, by its SHA-256 fingerprint.
 */
@Path("/api/v1/terminals/{id}/certificate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Terminals")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.ADMIN)
public class CertificateResource {
  private static final Logger LOG = Logger.getLogger(CertificateResource.class);

  private final TerminalAdmin terminals;
  private final CertificatePins pins;
  private final CallerContext caller;
  private final Clock clock;

  @Inject
  public CertificateResource(
      TerminalAdmin terminals, CertificatePins pins, CallerContext caller, Clock clock) {
    this.terminals = terminals;
    this.pins = pins;
    this.caller = caller;
    this.clock = clock;
  }

  /** A TLS leaf certificate as the API shows it (public data only). */
  @Schema(name = "LeafCertificate")
  public record LeafView(
      @Schema(
              description = "SHA-256 fingerprint of the DER certificate, 64 upper-case hex digits",
              examples = "3F2A…")
          String sha256,
      @Schema(description = "The same fingerprint colon-separated, as OpenSSL prints it")
          String sha256Colons,
      String subject,
      String issuer,
      @Schema(description = "IP and DNS subject alternative names") List<String> subjectAltNames,
      Instant notBefore,
      Instant notAfter) {

    static LeafView of(LeafCertificate c) {
      return c == null
          ? null
          : new LeafView(
              c.sha256().hex(),
              c.sha256().colonSeparated(),
              c.subject(),
              c.issuer(),
              c.subjectAltNames(),
              c.notBefore(),
              c.notAfter());
    }
  }

  /** The pin of a terminal. */
  @Schema(name = "TerminalCertificate")
  @RegisterForReflection
  public record CertificateView(
      String terminalId,
      @Schema(description = "The approved leaf; null until the first successful TLS handshake")
          LeafView pinned,
      Instant pinnedAt,
      @Schema(
              description =
                  "A different leaf the terminal presented since, refused until an admin approves"
                      + " it; null if none")
          LeafView pending,
      @Schema(description = "When the pending leaf was first seen") Instant pendingSince) {

    static CertificateView of(TerminalId id, Optional<CertificatePin> pin) {
      return pin.map(
              p ->
                  new CertificateView(
                      id.value(),
                      LeafView.of(p.pinned()),
                      p.pinned() == null ? null : p.pinnedAt(),
                      LeafView.of(p.pending()),
                      p.pending() == null ? null : p.pendingSince()))
          .orElseGet(() -> new CertificateView(id.value(), null, null, null, null));
    }
  }

  /** Body of {@code POST /api/v1/terminals/{id}/certificate/approve}. */
  @Schema(name = "CertificateApproval")
  public record ApproveRequest(
      @Schema(
              required = true,
              description =
                  "SHA-256 fingerprint of the pending leaf (64 hex digits, colons allowed): only"
                      + " that exact certificate is approved")
          String fingerprint) {}

  @GET
  @Operation(
      operationId = "getTerminalCertificate",
      summary = "The terminal's pinned TLS certificate and a changed one awaiting approval")
  @APIResponse(
      responseCode = "200",
      description = "The pin (both parts null if the hub never reached the terminal over HTTPS)",
      content = @Content(schema = @Schema(implementation = CertificateView.class)))
  @APIResponse(responseCode = "403", description = "ADMIN_REQUIRED")
  @APIResponse(responseCode = "404", description = "No such terminal")
  public CertificateView get(@PathParam("id") String id) {
    Terminal t = visibleToAdmin(id);
    return CertificateView.of(t.id(), pins.find(t.id()));
  }

  @POST
  @Path("approve")
  @Operation(
      operationId = "approveTerminalCertificate",
      summary = "Approve the pending (changed) TLS certificate of the terminal",
      description =
          "Verify the terminal first (an IP change or an app reinstall regenerates its"
              + " certificate). The pending leaf with this fingerprint becomes the pin; the next"
              + " request to the terminal uses it.")
  @APIResponse(
      responseCode = "200",
      description = "Approved: the pin after approval",
      content = @Content(schema = @Schema(implementation = CertificateView.class)))
  @APIResponse(responseCode = "400", description = "INVALID_FINGERPRINT, FIELD_REQUIRED")
  @APIResponse(responseCode = "403", description = "ADMIN_REQUIRED")
  @APIResponse(responseCode = "404", description = "No such terminal")
  @APIResponse(
      responseCode = "409",
      description =
          "NO_PENDING_CERTIFICATE: nothing awaits approval; CERTIFICATE_FINGERPRINT_MISMATCH: the"
              + " pending certificate has another fingerprint (it may have changed again)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response approve(@PathParam("id") String id, ApproveRequest body, UriInfo uri) {
    Terminal t = visibleToAdmin(id);
    Inputs.requireBody(body);
    Fingerprint wanted = sha256(Inputs.required(body.fingerprint(), "fingerprint"));
    String path = uri.getRequestUri().getRawPath();
    if (!pins.approvePending(t.id(), wanted, clock.instant())) {
      Optional<LeafCertificate> pending = pins.find(t.id()).map(CertificatePin::pending);
      if (pending.isEmpty()) {
        return Problem.of(
                409,
                "NO_PENDING_CERTIFICATE",
                null,
                "terminal " + t.id() + " has no changed certificate awaiting approval",
                path)
            .toResponse();
      }
      return Problem.of(
              409,
              "CERTIFICATE_FINGERPRINT_MISMATCH",
              "fingerprint",
              "the certificate awaiting approval has SHA-256 "
                  + pending.get().sha256()
                  + ", not "
                  + wanted
                  + "; check the terminal again and approve that fingerprint",
              path)
          .toResponse();
    }
    LOG.infof(
        "Admin %s approved certificate SHA-256 %s for terminal %s",
        caller.caller().keyId(), wanted, t.id());
    return Response.ok(CertificateView.of(t.id(), pins.find(t.id()))).build();
  }

  private static Fingerprint sha256(String text) {
    Fingerprint f = new Fingerprint(text.strip());
    ValidationException.require(
        f.hex().length() == 64,
        "INVALID_FINGERPRINT",
        "fingerprint",
        "fingerprint must be the SHA-256 of the certificate (64 hex digits)");
    return f;
  }

  private Terminal visibleToAdmin(String id) {
    Terminal t = terminals.get(Inputs.terminalInPath(id));
    caller.requireTerminal(t);
    return t;
  }
}
