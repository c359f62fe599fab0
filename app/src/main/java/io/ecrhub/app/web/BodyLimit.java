package io.ecrhub.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem document before Quarkus's own (empty) 413; bodies streamed without a length are cut
 * off by Quarkus and mapped in {@link ProblemMappers}.
 */
@ApplicationScoped
public class BodyLimit {
  private final long limit;
  private final ObjectMapper json;

  @Inject
  public BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
      ObjectMapper json) {
    this.limit = limit.asLongValue();
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().order(-3).handler(this::check);
  }

  private void check(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared <= limit) {
      rc.next();
      return;
    }
    String body;
    try {
      body =
          json.writeValueAsString(
              Problem.of(
                  413,
                  "PAYLOAD_TOO_LARGE",
                  null,
                  "the request body is larger than the " + limit + " bytes this hub accepts",
                  rc.request().path()));
    } catch (JsonProcessingException e) {
      body = "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\"}";
    }
    rc.response()
        .setStatusCode(413)
        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaderNames.CONNECTION, "close")
        .endHandler(v -> rc.request().connection().close())
        .end(body);
  }
}
