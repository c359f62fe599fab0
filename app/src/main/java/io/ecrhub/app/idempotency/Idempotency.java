package io.ecrhub.app.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.security.Caller;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency-Key for the API's POSTs that move money or print: the same key (per API key) with the
 * same request gives the first answer again without asking the terminal again; with another request
 * it is 409 IDEMPOTENCY_CONFLICT. The header is optional; without it every request acts.
 *
 * <p>The key is claimed (committed) before anything is sent, so two racing retries never both act:
 * the second sees the claim and gets 409 IDEMPOTENCY_KEY_IN_USE until the first is done. A request
 * that provably did nothing (refused before sending, nothing reached the terminal) releases its
 * claim, so a retry with the same key acts. Payments keep the key on their own row (V2), committed
 * with the payment; they share the scoping and validation here.
 */
@ApplicationScoped
public class Idempotency {
  /** Longest Idempotency-Key accepted. */
  public static final int MAX_KEY = 100;

  private static final int MAX_BODY = 8000;

  private final IdempotentRequests requests;
  private final CallerContext caller;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public Idempotency(
      IdempotentRequests requests, CallerContext caller, ObjectMapper json, Clock clock) {
    this.requests = requests;
    this.caller = caller;
    this.json = json;
    this.clock = clock;
  }

  /**
   * What the request did.
   *
   * @param keep false when it provably did nothing (the key is released for a retry)
   */
  public record Done(Response response, String resourceId, boolean keep) {
    /** It acted (or may have): the key stands for this answer and resource from now on. */
    public static Done acted(Response response, String resourceId) {
      return new Done(response, resourceId, true);
    }

    /** It did nothing: a retry with the same key acts. */
    public static Done nothingDone(Response response) {
      return new Done(response, null, false);
    }
  }

  /** The first request's answer, as stored. */
  public record First(String resourceId, int status, String type, String body) {
    /** The stored answer, as it was. */
    public Response response() {
      Response.ResponseBuilder b = Response.status(status);
      return (type == null ? b : b.type(type)).entity(body).build();
    }
  }

  /** The key scoped to the calling API key ({@code keyId:key}), or null without a key. */
  public String scoped(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > MAX_KEY) {
      throw new ValidationException(
          "INVALID_IDEMPOTENCY_KEY",
          "Idempotency-Key",
          "Idempotency-Key must be 1-" + MAX_KEY + " characters");
    }
    Caller c = caller.caller();
    return c.keyId() + ":" + key;
  }

  /**
   * Runs {@code action} at most once per operation and key; a retry gets {@code replay} of the
   * first answer.
   *
   * @param operation e.g. {@code refund}
   * @param key the Idempotency-Key header, or null (then {@code action} just runs)
   * @param fingerprint what identifies the request (ids in the path, body fields)
   */
  public Response once(
      String operation,
      String key,
      String fingerprint,
      Function<First, Response> replay,
      Supplier<Done> action) {
    String scoped = scoped(key);
    if (scoped == null) {
      return action.get().response();
    }
    for (int attempt = 0; !requests.claim(operation, scoped, fingerprint, clock.instant()); ) {
      Optional<IdempotentRequests.Entry> found = requests.find(operation, scoped);
      if (found.isPresent()) {
        return replay.apply(earlier(found.get(), operation, fingerprint));
      }
      if (++attempt > 1) {
        throw inUse(operation);
      }
      // claimed and released meanwhile (the first request did nothing): claim it again
    }
    Done done;
    try {
      done = action.get();
    } catch (DomainException e) {
      // refused by a rule before anything was sent (or the terminal did not take it)
      requests.release(operation, scoped);
      throw e;
    }
    // any other failure leaves the key claimed: what happened is not known, a retry must not act
    if (!done.keep()) {
      requests.release(operation, scoped);
      return done.response();
    }
    Response r = done.response();
    requests.complete(
        operation,
        scoped,
        done.resourceId(),
        r.getStatus(),
        r.getMediaType() == null ? MediaType.APPLICATION_JSON : r.getMediaType().toString(),
        body(r),
        clock.instant());
    return r;
  }

  private static First earlier(IdempotentRequests.Entry e, String operation, String fingerprint) {
    if (!e.fingerprint().equals(fingerprint)) {
      throw new DomainException(
          "IDEMPOTENCY_CONFLICT",
          "Idempotency-Key",
          "this Idempotency-Key was used for a different " + operation + " request");
    }
    if (!e.completed()) {
      throw inUse(operation);
    }
    return new First(e.resourceId(), e.status() == null ? 200 : e.status(), e.type(), e.body());
  }

  private static DomainException inUse(String operation) {
    return new DomainException(
        "IDEMPOTENCY_KEY_IN_USE",
        "Idempotency-Key",
        "the first "
            + operation
            + " request with this Idempotency-Key is not finished (or the hub stopped while it"
            + " ran: check its outcome before using a new key)");
  }

  private String body(Response r) {
    Object entity = r.getEntity();
    if (entity == null) {
      return null;
    }
    try {
      String text = entity instanceof String s ? s : json.writeValueAsString(entity);
      return text.length() <= MAX_BODY ? text : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
