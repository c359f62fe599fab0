package io.ecrhub.app.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ecrhub.app.secrets.SealingException;
import io.ecrhub.app.security.AccessDeniedException;
import io.ecrhub.app.security.ApiKeyAuthenticationMechanism;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.AuthenticationRequiredException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.transaction.CloudRefundRefusedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a problem document (RFC 9457) with a stable code. */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response domain(DomainException e, UriInfo uri) {
    return RetryAfter.ifBusy(
        e.code(), problem(StatusTable.statusOf(e), e.code(), e.field(), e.getMessage(), uri));
  }

  /** QFPay's cloud refused a refund: the hub's code, and for 1265 when refunds reopen. */
  @ServerExceptionMapper
  public Response cloudRefused(CloudRefundRefusedException e, UriInfo uri) {
    Problem p = Problem.of(StatusTable.statusOf(e), e.code(), e.field(), e.getMessage(), path(uri));
    return e.reopensAt().map(p::reopening).orElse(p).toResponse();
  }

  @ServerExceptionMapper
  public Response unauthenticated(AuthenticationRequiredException e, UriInfo uri) {
    return Response.fromResponse(problem(401, e.code(), null, e.getMessage(), uri))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(AccessDeniedException e, UriInfo uri) {
    return problem(403, e.code(), null, e.getMessage(), uri);
  }

  /** Quarkus Security: an endpoint that needs a key was called without one. */
  @ServerExceptionMapper
  public Response anonymous(UnauthorizedException e, UriInfo uri) {
    return unauthenticated(
        new AuthenticationRequiredException(
            "UNAUTHENTICATED", "send the API key as: Authorization: Bearer <api-key>"),
        uri);
  }

  /** Quarkus Security: the bearer key is not usable (unknown, revoked, not a bearer header). */
  @ServerExceptionMapper
  public Response badKey(AuthenticationFailedException e, UriInfo uri) {
    String code = e.getAttribute(ApiKeyAuthenticationMechanism.CODE);
    return unauthenticated(
        new AuthenticationRequiredException(
            code == null ? "INVALID_API_KEY" : code,
            code == null || e.getMessage() == null
                ? "the API key is not recognised or has been revoked"
                : e.getMessage()),
        uri);
  }

  /** Quarkus Security: the key's role does not allow the endpoint ({@code @RolesAllowed}). */
  @ServerExceptionMapper
  public Response roleRefused(ForbiddenException e, UriInfo uri, ContainerRequestContext request) {
    SecurityContext who = request.getSecurityContext();
    if (who.isUserInRole(ApiRoles.UNSCOPED_ADMIN)) {
      return problem(403, "ACCESS_DENIED", null, "this operation is not open to API keys", uri);
    }
    if (who.isUserInRole(ApiRoles.ADMIN)) {
      return problem(
          403,
          "UNSCOPED_ADMIN_REQUIRED",
          null,
          "this operation acts on the whole fleet: it needs an admin API key without a scope",
          uri);
    }
    return problem(403, "ADMIN_REQUIRED", null, "this operation needs an admin API key", uri);
  }

  @ServerExceptionMapper
  public Response sealing(SealingException e, UriInfo uri) {
    LOG.errorf("A stored secret could not be opened: %s", e.getMessage());
    return problem(
        500,
        "SECRET_UNREADABLE",
        null,
        "a stored secret cannot be opened with the configured master key; an operator must check"
            + " ecrhub.secrets.master-key and ecrhub.secrets.previous-keys",
        uri);
  }

  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
    String field = JsonErrors.path(e);
    return problem(400, "UNKNOWN_FIELD", field, "unknown field '" + field + "'", uri);
  }

  @ServerExceptionMapper
  public Response badValue(InvalidFormatException e, UriInfo uri) {
    return wrongType(JsonErrors.path(e), e.getTargetType(), uri);
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    String field = JsonErrors.path(e);
    if (field == null) {
      return problem(400, "INVALID_BODY", null, "the request body must be a JSON object", uri);
    }
    return wrongType(field, e.getTargetType(), uri);
  }

  private static Response wrongType(String field, Class<?> expected, UriInfo uri) {
    return problem(
        400, "INVALID_FIELD_TYPE", field, field + " must be " + JsonErrors.expected(expected), uri);
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e, UriInfo uri) {
    String field = JsonErrors.path(e);
    return problem(400, "INVALID_BODY", field, "the request body does not fit this endpoint", uri);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    return problem(404, "NOT_FOUND", null, "no such resource", uri);
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e, UriInfo uri) {
    Response r =
        problem(405, "METHOD_NOT_ALLOWED", null, "this resource does not allow that method", uri);
    String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
    return allow == null ? r : Response.fromResponse(r).header(HttpHeaders.ALLOW, allow).build();
  }

  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e, UriInfo uri) {
    return problem(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        null,
        "send the body as Content-Type: application/json",
        uri);
  }

  @ServerExceptionMapper
  public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
    return problem(406, "NOT_ACCEPTABLE", null, "this resource answers application/json", uri);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    Throwable cause = e.getCause();
    if (cause instanceof StreamReadException bad) {
      return problem(400, "MALFORMED_JSON", null, JsonErrors.syntax(bad.getLocation()), uri);
    }
    if (cause instanceof DatabindException bad) {
      return mapping(bad instanceof JsonMappingException m ? m : null, uri);
    }
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status == 413) {
      return problem(413, "PAYLOAD_TOO_LARGE", null, "the request body is too large", uri);
    }
    if (status >= 500) {
      return internal(e, uri);
    }
    Response.Status s = Response.Status.fromStatusCode(status);
    return problem(
        status,
        "HTTP_" + status,
        null,
        s == null
            ? "the request was refused"
            : s.getReasonPhrase().toLowerCase(java.util.Locale.ROOT),
        uri);
  }

  @ServerExceptionMapper
  public Response internal(Throwable e, UriInfo uri) {
    String reference = UUID.randomUUID().toString();
    LOG.errorf(e, "Unexpected error (reference %s) on %s", reference, path(uri));
    return problem(
        500,
        "INTERNAL_ERROR",
        null,
        "the hub hit an unexpected error; give this reference to an operator: " + reference,
        uri);
  }

  private static Response problem(
      int status, String code, String field, String detail, UriInfo uri) {
    return Problem.of(status, code, field, detail, path(uri)).toResponse();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  /** Wording for JSON errors: where, which field, what type was expected. */
  static final class JsonErrors {
    private JsonErrors() {}

    static String path(JsonMappingException e) {
      if (e == null || e.getPath().isEmpty()) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference ref : e.getPath()) {
        if (ref.getFieldName() != null) {
          if (!sb.isEmpty()) {
            sb.append('.');
          }
          sb.append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          sb.append('[').append(ref.getIndex()).append(']');
        }
      }
      return sb.isEmpty() ? null : sb.toString();
    }

    static String expected(Class<?> type) {
      if (type == null) {
        return "of another type";
      }
      if (type == String.class) {
        return "a string";
      }
      if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
        return "an integer";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "true or false";
      }
      if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
        return "an array";
      }
      return "an object";
    }

    static String syntax(JsonLocation at) {
      return at == null || at.getLineNr() < 0
          ? "the request body is not valid JSON"
          : "the request body is not valid JSON (line "
              + at.getLineNr()
              + ", column "
              + at.getColumnNr()
              + ")";
    }
  }
}
