package io.ecrhub.app.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the operator console: {@code /} and {@code /console} lead to {@code /console/}, and every
 * console file carries a strict Content-Security-Policy (scripts and styles from the hub only, no
 * inline code, no framing) so an API value that slipped into the page could never run.
 */
@ApplicationScoped
public class ConsoleRoutes {
  /** Where the console lives (its static files are under META-INF/resources/console). */
  static final String HOME = "/console/";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

  void install(@Observes Router router) {
    router.route(HttpMethod.GET, "/").order(-2).handler(rc -> redirect(rc, "/"));
    router.route(HttpMethod.HEAD, "/").order(-2).handler(rc -> redirect(rc, "/"));
    router.route(HttpMethod.GET, "/console").order(-2).handler(rc -> redirect(rc, "/console"));
    router.route("/console/*").order(-2).handler(ConsoleRoutes::secure);
  }

  /**
   * Vert.x matches exact routes with and without a trailing slash: redirect only the exact path.
   */
  private static void redirect(RoutingContext rc, String exactPath) {
    if (!exactPath.equals(rc.request().path())) {
      rc.next();
      return;
    }
    rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, HOME).end();
  }

  private static void secure(RoutingContext rc) {
    rc.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        // The console is small and changes with each release of the hub: always revalidate.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    rc.next();
  }
}
