package io.ecrhub.app.web;

import io.quarkus.vertx.http.security.CORS;
import io.quarkus.vertx.http.security.HttpSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns Quarkus's CORS filter on for the origins in {@code ecrhub.cors.origins} and only then (ADR
 * 0026): the headers a till sends (Authorization, Content-Type, Idempotency-Key, Last-Event-ID),
 * the methods of the API, the answer headers a till reads (Location, Retry-After), and no
 * credentials (the API takes a bearer header, never a cookie). An origin that is not an exact
 * {@code scheme://host[:port]} stops the start, {@code *} included.
 */
@ApplicationScoped
public class CorsSetup {
  static final Set<String> HEADERS =
      Set.of("Authorization", "Content-Type", "Accept", "Idempotency-Key", "Last-Event-ID");
  static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "PUT", "DELETE");
  static final Set<String> EXPOSED = Set.of("Location", "Retry-After");

  void configure(@Observes HttpSecurity http, CorsConfig config) {
    List<String> origins = config.origins().orElse(List.of());
    if (origins.stream().allMatch(String::isBlank)) {
      return; // no CORS filter: no Access-Control-* header on any answer
    }
    http.cors(
        CORS.builder()
            .origins(checked(origins))
            .methods(METHODS)
            .headers(HEADERS)
            .exposedHeaders(EXPOSED)
            .accessControlAllowCredentials(false)
            .accessControlMaxAge(Duration.ofHours(1))
            .build());
  }

  /** The origins as given, each an exact {@code scheme://host[:port]}; anything else stops. */
  static Set<String> checked(List<String> origins) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : origins) {
      String o = raw.trim();
      if (o.isEmpty()) {
        continue;
      }
      if (!isOrigin(o)) {
        throw new IllegalStateException(
            "ecrhub.cors.origins: '"
                + o
                + "' is not an origin such as https://till.example.com (no *, path or pattern)");
      }
      out.add(o);
    }
    return out;
  }

  private static boolean isOrigin(String o) {
    try {
      URI u = new URI(o);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && u.getRawUserInfo() == null
          && (u.getRawPath() == null || u.getRawPath().isEmpty())
          && u.getRawQuery() == null
          && u.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
