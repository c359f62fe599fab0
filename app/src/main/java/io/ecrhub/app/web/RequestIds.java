package io.ecrhub.app.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request on the public port an id: the caller's {@code X-Request-Id} when it is a
 * plausible id (1 to 64 of letters, digits, {@code . _ : -}; anything else could forge log lines),
 * else 32 random hex digits. The id is answered in the {@code X-Request-Id} response header, put in
 * the logging context (MDC key {@code requestId}, so every log line of the request carries it, in
 * the text format's {@code %X} and as a field of JSON logs) and written into every problem document
 * ({@link Problem#requestId()}). Installed first of the hub's routes, so the body limit's and the
 * notification route's problems carry it too.
 */
@ApplicationScoped
public class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  void install(@Observes Router router) {
    router.route().order(-10).handler(this::assign);
  }

  private void assign(RoutingContext rc) {
    String id = accepted(rc.request().getHeader(HEADER));
    MDC.put(MDC_KEY, id);
    rc.response().putHeader(HEADER, id);
    rc.next();
  }

  /** The caller's id when valid, else a fresh one. */
  static String accepted(String offered) {
    return offered != null && VALID.matcher(offered).matches() ? offered : fresh();
  }

  static String fresh() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The current request's id, or null outside a request. */
  public static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }
}
