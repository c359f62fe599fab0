package io.ecrhub.app.ca;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public distribution of QFPay's ECR CA for cashier PCs and tablets that call terminals directly:
 * PEM, DER, and a plain page with both fingerprints and the install steps of QFPay's guide. No API
 * key: it is a public certificate.
 */
@Path("/ca")
@Tag(name = "QFPay CA")
@PermitAll
public class CaResource {
  private final QfpayCaFile ca;

  @Inject
  public CaResource(QfpayCaFile ca) {
    this.ca = ca;
  }

  @GET
  @Path("qfpay-ca3.crt")
  @Produces("application/x-pem-file")
  @Operation(operationId = "getCaCertificatePem", summary = "QFPay's ECR CA (CN=QFECR) as PEM")
  @APIResponse(
      responseCode = "200",
      description = "The certificate, as a download",
      content =
          @Content(
              mediaType = "application/x-pem-file",
              schema = @Schema(type = SchemaType.STRING)))
  public Response pem() {
    return download(ca.pem(), "qfpay-ca3.crt");
  }

  @GET
  @Path("qfpay-ca3.der")
  @Produces("application/pkix-cert")
  @Operation(operationId = "getCaCertificateDer", summary = "QFPay's ECR CA (CN=QFECR) as DER")
  @APIResponse(
      responseCode = "200",
      description = "The certificate, as a download",
      content =
          @Content(
              mediaType = "application/pkix-cert",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  public Response der() {
    return download(ca.der(), "qfpay-ca3.der");
  }

  @GET
  @Produces("text/html;charset=utf-8")
  @Operation(
      operationId = "getCaPage",
      summary = "Fingerprints and install steps for Android and Windows")
  public String page() {
    return CaPage.render(ca);
  }

  private static Response download(Object body, String name) {
    return Response.ok(body)
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Cache-Control", "public, max-age=3600")
        .build();
  }
}
