package io.ecrhub.app.notify.api;

import io.ecrhub.app.api.Problem;
import io.ecrhub.notify.intake.NotificationIntake;
import io.ecrhub.notify.intake.SenderAllowList;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * QFPay's asynchronous notification endpoint (the path Odoo uses): public, signed with {@code
 * X-QF-SIGN}. Answers {@code 200 SUCCESS} only once the notification is committed; {@code 503} when
 * the database is unavailable, so QFPay retries and nothing is lost.
 *
 * <p>The method itself does not block: RESTEasy reads the (small) body into memory on the I/O
 * thread, the cheap checks run there, and storing runs on a worker thread. (A {@code @Blocking}
 * method with a {@code byte[]} body reads it on the worker through a blocking stream that hands
 * every chunk over between the I/O thread and the worker under a monitor; at a few thousand
 * notifications a second that handover cost more CPU than the rest of the endpoint.)
 */
@Path("/qfpay/notify")
@Tag(name = "QFPay notifications")
public class QfpayNotifyResource {
  static final int MAX_BODY = 64 * 1024;
  private static final Logger LOG = Logger.getLogger(QfpayNotifyResource.class);
  private final NotificationIntake intake;
  private final SenderAllowList allowList;
  private final Vertx vertx;

  @Inject
  public QfpayNotifyResource(NotificationIntake intake, SenderAllowList allowList, Vertx vertx) {
    this.intake = intake;
    this.allowList = allowList;
    this.vertx = vertx;
  }

  @POST
  @NonBlocking
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
  @Operation(summary = "Receive one QFPay notification (called by QFPay, not by people)")
  @APIResponse(responseCode = "200", description = "Stored (or already stored): body SUCCESS")
  @APIResponse(responseCode = "400", description = "Not a QFPay notification")
  @APIResponse(responseCode = "401", description = "X-QF-SIGN missing or wrong; stored as rejected")
  @APIResponse(responseCode = "403", description = "Sender address not on the allow-list")
  @APIResponse(responseCode = "413", description = "Body over 64 KiB")
  @APIResponse(responseCode = "415", description = "Not application/json")
  @APIResponse(responseCode = "503", description = "Database unavailable; QFPay retries")
  public CompletionStage<Response> receive(
      byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
    MediaType type = headers.getMediaType();
    if (type == null || !isJson(type)) {
      return answer(
          problem(415, "UNSUPPORTED_MEDIA_TYPE", "send the notification as application/json"));
    }
    byte[] raw = body == null ? new byte[0] : body;
    if (raw.length > MAX_BODY) {
      return answer(problem(413, "PAYLOAD_TOO_LARGE", "a notification body is at most 64 KiB"));
    }
    String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    String client = allowList.clientAddress(peer, headers.getHeaderString("X-Forwarded-For"));
    if (!allowList.allows(client)) {
      LOG.warnf("Notification refused: sender %s is not on the allow-list", client);
      return answer(
          problem(403, "SENDER_NOT_ALLOWED", "the sender address is not on the allow-list"));
    }
    Map<String, String> flat = flatten(headers);
    // unordered: notifications of one connection need not be stored one after the other
    return vertx.executeBlocking(() -> store(raw, flat, client), false).toCompletionStage();
  }

  private static CompletionStage<Response> answer(Response response) {
    return CompletableFuture.completedFuture(response);
  }

  /** Stores one notification on a worker thread; returns once its verdict is committed. */
  private Response store(byte[] raw, Map<String, String> headers, String client) {
    NotificationIntake.Result result;
    try {
      result = intake.receive(raw, headers, client);
    } catch (RuntimeException e) {
      LOG.errorf("Notification not stored, answering 503 so QFPay retries: %s", e.toString());
      return Response.fromResponse(
              problem(
                  503,
                  "STORAGE_UNAVAILABLE",
                  "the notification could not be stored; it is safe to send it again"))
          .header("Retry-After", "60")
          .build();
    }
    return switch (result.verdict()) {
      case ACCEPTED -> Response.ok("SUCCESS", MediaType.TEXT_PLAIN_TYPE).build();
      case BAD_SIGNATURE -> problem(401, "BAD_SIGNATURE", result.reason());
      case MALFORMED -> problem(400, "MALFORMED_NOTIFICATION", result.reason());
    };
  }

  private static boolean isJson(MediaType t) {
    return ("application".equalsIgnoreCase(t.getType()) || "text".equalsIgnoreCase(t.getType()))
        && ("json".equalsIgnoreCase(t.getSubtype())
            || t.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
  }

  private static Map<String, String> flatten(HttpHeaders headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : headers.getRequestHeaders().entrySet()) {
      if (!h.getValue().isEmpty()) {
        out.put(h.getKey(), String.join(", ", h.getValue()));
      }
    }
    return out;
  }

  private static Response problem(int status, String code, String detail) {
    return Problem.of(status, code, null, detail, "/qfpay/notify").toResponse();
  }
}
