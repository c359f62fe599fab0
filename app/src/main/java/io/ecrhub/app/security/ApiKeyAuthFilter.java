package io.ecrhub.app.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Authenticates every {@code /api/**} request by its bearer API key (401 when it cannot). */
public class ApiKeyAuthFilter {
  private final Authenticator authenticator;
  private final CallerContext context;

  @Inject
  public ApiKeyAuthFilter(Authenticator authenticator, CallerContext context) {
    this.authenticator = authenticator;
    this.context = context;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public void authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/api/") || path.equals("/api")) {
      context.set(authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
    }
  }
}
