package io.ecrhub.app.notify.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.notify.KeyRingHolder;
import io.ecrhub.app.notify.NotifyConfig;
import io.ecrhub.app.web.Problem;
import io.ecrhub.notify.intake.GroupCommit;
import io.ecrhub.notify.intake.NotificationIntake;
import io.ecrhub.notify.intake.NotificationSignature;
import io.ecrhub.notify.intake.SenderAllowList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jboss.logging.Logger;

/**
 * QFPay's asynchronous notification endpoint, {@code POST /qfpay/notify} (the path Odoo uses):
 * public, signed with {@code X-QF-SIGN}. Answers {@code 200 SUCCESS} only once the notification is
 * committed; {@code 503} with {@code Retry-After} when it could not be stored or the intake is at
 * its budget, so QFPay retries and nothing is lost; {@code 400} malformed, {@code 401} bad or
 * missing signature (a bounded sample stored, the rest only counted: ADR 0009), {@code 403} sender
 * not on the allow-list, {@code 405} not a POST, {@code 413} body over 64 KiB, {@code 415} not
 * JSON.
 *
 * <p>A Vert.x route rather than a Quarkus REST resource (ADR 0006): QFPay sends every payment and
 * refund of the merchant here, and the REST pipeline cost about as much CPU per notification as
 * storing it. The body is read on the I/O thread; the checks that need no database (method, content
 * type, size, allow-list, JSON, signature) run there; storing runs on the {@link GroupCommit}'s
 * writer threads (several notifications per transaction under load) or, for a rejected sample, on
 * the intake's own bounded executor; a rejected request that is not sampled is answered on the I/O
 * thread without any database work. The endpoint is documented in {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class QfpayNotifyRoute {
  static final String PATH = "/qfpay/notify";
  static final int MAX_BODY = 64 * 1024;
  private static final Logger LOG = Logger.getLogger(QfpayNotifyRoute.class);
  private final GroupCommit groupCommit;
  private final KeyRingHolder keys;
  private final SenderAllowList allowList;
  private final ObjectMapper json;
  private final Map<String, Counter> received = new HashMap<>();
  private final Counter samplesStored;
  private final Counter samplesDropped;
  private final Executor intakeExecutor;
  private final String retryAfter;

  @Inject
  public QfpayNotifyRoute(
      GroupCommit groupCommit,
      KeyRingHolder keys,
      SenderAllowList allowList,
      @Named("notification-intake") ThreadPoolExecutor intakeExecutor,
      NotifyConfig config,
      ObjectMapper json,
      MeterRegistry registry) {
    this.groupCommit = groupCommit;
    this.keys = keys;
    this.allowList = allowList;
    this.intakeExecutor = intakeExecutor;
    this.retryAfter = Long.toString(Math.max(1, config.intake().retryAfter().toSeconds()));
    this.json = json;
    samplesStored = rejectedCounter(registry, "stored");
    samplesDropped = rejectedCounter(registry, "dropped");
    for (String outcome :
        List.of(
            "accepted",
            "duplicate",
            "bad_signature",
            "malformed",
            "not_allowed",
            "refused",
            "unavailable",
            "busy")) {
      received.put(
          outcome,
          Counter.builder("ecrhub.notify.received")
              .description(
                  "Requests to POST /qfpay/notify by outcome (refused: method, type or size;"
                      + " unavailable: not stored; busy: the intake at its budget)")
              .tag("outcome", outcome)
              .register(registry));
    }
  }

  private static Counter rejectedCounter(MeterRegistry registry, String sample) {
    return Counter.builder("ecrhub.notify.rejected")
        .description(
            "Rejected requests (401/400) by whether a sample was stored or only counted (ADR 0009)")
        .tag("sample", sample)
        .register(registry);
  }

  void install(@Observes Router router) {
    router.route(PATH).order(-1).handler(this::receive);
  }

  private void receive(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (request.method() != HttpMethod.POST) {
      rc.response().putHeader(HttpHeaders.ALLOW, "POST");
      problem(rc, 405, "METHOD_NOT_ALLOWED", "send notifications with POST");
      return;
    }
    if (!isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      problem(rc, 415, "UNSUPPORTED_MEDIA_TYPE", "send the notification as application/json");
      return;
    }
    // A declared length over the limit was answered 413 before this route (BodyLimit); a body
    // sent without one is counted here.
    Buffer body = Buffer.buffer(512);
    boolean[] over = {false};
    request.handler(
        chunk -> {
          if (over[0]) {
            return;
          }
          if (body.length() + chunk.length() > MAX_BODY) {
            over[0] = true;
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            problem(rc, 413, "PAYLOAD_TOO_LARGE", "a notification body is at most 64 KiB");
            return;
          }
          body.appendBuffer(chunk);
        });
    request.exceptionHandler(e -> LOG.debugf("Notification request failed: %s", e.toString()));
    request.endHandler(
        v -> {
          if (!over[0]) {
            received(rc, body.getBytes());
          }
        });
    request.resume();
  }

  private void received(RoutingContext rc, byte[] raw) {
    HttpServerRequest request = rc.request();
    String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    String client = allowList.clientAddress(peer, request.getHeader("X-Forwarded-For"));
    if (!allowList.allows(client)) {
      LOG.warnf("Notification refused: sender %s is not on the allow-list", client);
      problem(rc, 403, "SENDER_NOT_ALLOWED", "the sender address is not on the allow-list");
      return;
    }
    Map<String, String> headers = flatten(request.headers());
    CompletionStage<NotificationIntake.Result> stored;
    if (keys.loaded() || !NotificationSignature.wellFormed(request.getHeader("X-QF-SIGN"))) {
      // (an unsigned request needs no keys: refused without them)
      stored = groupCommit.submit(raw, headers, client);
    } else { // the first notification loads the keys from the database: not on the I/O thread
      CompletionStage<NotificationIntake.Result> loaded;
      try {
        loaded =
            CompletableFuture.supplyAsync(
                    () -> groupCommit.submit(raw, headers, client), intakeExecutor)
                .thenCompose(s -> s);
      } catch (RejectedExecutionException e) {
        loaded = CompletableFuture.failedFuture(new GroupCommit.Busy());
      }
      stored = loaded;
    }
    stored.whenComplete((result, failure) -> answer(rc, result, failure));
  }

  /** The answer for a committed verdict, or 503 when the notification could not be stored. */
  private void answer(RoutingContext rc, NotificationIntake.Result result, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof GroupCommit.Busy) {
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        problem(
            rc,
            503,
            "INTAKE_BUSY",
            "the notification intake is at its limit; nothing was stored, send it again later");
        return;
      }
      LOG.errorf("Notification not stored, answering 503 so QFPay retries: %s", cause.toString());
      rc.response().putHeader(HttpHeaders.RETRY_AFTER, "60");
      problem(
          rc,
          503,
          "STORAGE_UNAVAILABLE",
          "the notification could not be stored; it is safe to send it again");
      return;
    }
    switch (result.verdict()) {
      case ACCEPTED -> {
        received.get(result.duplicate() ? "duplicate" : "accepted").increment();
        rc.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
            .end("SUCCESS");
      }
      case BAD_SIGNATURE -> {
        sampled(result);
        problem(rc, 401, "BAD_SIGNATURE", result.reason());
      }
      case MALFORMED -> {
        sampled(result);
        problem(rc, 400, "MALFORMED_NOTIFICATION", result.reason());
      }
    }
  }

  private void sampled(NotificationIntake.Result rejected) {
    (rejected.entryId() != null ? samplesStored : samplesDropped).increment();
  }

  /** {@code application/json}, {@code text/json} or a {@code +json} type, any parameters. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mime =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    int slash = mime.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String type = mime.substring(0, slash);
    String subtype = mime.substring(slash + 1);
    return (type.equals("application") || type.equals("text"))
        && (subtype.equals("json") || subtype.endsWith("+json"));
  }

  private static Map<String, String> flatten(MultiMap headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      out.merge(h.getKey(), h.getValue(), (first, next) -> first + ", " + next);
    }
    return out;
  }

  private void problem(RoutingContext rc, int status, String code, String detail) {
    HttpServerResponse response = rc.response();
    if (response.ended()) {
      return;
    }
    received
        .get(
            switch (status) {
              case 400 -> "malformed";
              case 401 -> "bad_signature";
              case 403 -> "not_allowed";
              case 503 -> "INTAKE_BUSY".equals(code) ? "busy" : "unavailable";
              default -> "refused";
            })
        .increment();
    String body;
    try {
      body = json.writeValueAsString(Problem.of(status, code, null, detail, PATH));
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + status + ",\"code\":\"" + code + "\"}";
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }
}
