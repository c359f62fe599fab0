package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.simulator.TerminalOperations.Answer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One terminal's request pipeline, independent of the transport: logged-out check, decrypt and
 * verify the digest (protocol doc §5; wrong digest 4003, undecryptable 5001, malformed 4006),
 * func_type against the path, parameters (4006), then the operation, then the fault in force (drop,
 * garbage, slow), then the response envelope (plain, or AES-encrypted when switched on).
 */
final class TerminalEngine {
  /** What a transport sends back: an encoded body, or nothing (close the connection). */
  sealed interface Reply {
    /** Send {@code body}; {@code respcd} is for the exchange log. */
    record Answer(String body, String respcd) implements Reply {}

    /** Close without answering. */
    record Drop() implements Reply {}
  }

  /** Bytes no codec accepts: not JSON, not Base64, not AES output. */
  static final String GARBAGE = "\u0000\u00ffHTTP/0.9 ##garbage## {respcd:\"";

  private final TerminalSettings s;
  private final TerminalOperations ops;
  private final Clock clock;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  TerminalEngine(TerminalSettings s, TerminalOperations ops, Clock clock) {
    this.s = s;
    this.ops = ops;
    this.clock = clock;
  }

  List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /**
   * Handles one request body; the fault in force applies to every answer (drop only to approved
   * payments and refunds).
   *
   * @param pathFunction the function the HTTP path names, or null (TCP, serial: func_type decides)
   * @param scheduler the caller's event loop, used for card waits and slow answers
   */
  CompletableFuture<Reply> handle(
      String transport, EcrFunction pathFunction, String body, ScheduledExecutorService scheduler) {
    Fault fault = s.fault;
    int[] funcType = {0};
    CompletableFuture<Answer> answer;
    try {
      answer = process(fault, pathFunction, body, scheduler, funcType);
    } catch (RuntimeException e) {
      answer = done(error("4005", "other error"));
    }
    return answer
        .exceptionally(e -> new Answer(error("4005", "other error"), false))
        .thenCompose(a -> withFault(fault, a, scheduler))
        .whenComplete((r, e) -> log(transport, funcType[0], r));
  }

  private CompletableFuture<Answer> process(
      Fault fault,
      EcrFunction pathFunction,
      String body,
      ScheduledExecutorService scheduler,
      int[] funcTypeOut) {
    if (fault instanceof Fault.LoggedOut) {
      return done(error("4007", "user not logged in"));
    }
    EcrCodec.DecodedRequest req;
    try {
      req = EcrCodec.decodeRequest(body, s.posKey, s.encryption);
    } catch (EcrCodecException e) {
      return done(codecError(e));
    }
    int funcType = req.funcType();
    funcTypeOut[0] = funcType;
    EcrFunction fn;
    try {
      fn = EcrFunction.ofCode(funcType);
    } catch (IllegalArgumentException e) {
      return done(error("4006", "unknown func_type"));
    }
    if (pathFunction != null && fn != pathFunction) {
      return done(
          error("4006", "func_type " + funcType + " does not match " + pathFunction.path()));
    }
    SimCommand cmd;
    try {
      cmd = SimCommand.parse(fn, req.content(), s.currency);
    } catch (SimCommand.InvalidParameter e) {
      return done(error("4006", e.getMessage()));
    }
    if (fault instanceof Fault.Forge forge && forge.forgers().containsKey(fn)) {
      return CompletableFuture.completedFuture(
          new Answer(forge.forgers().get(fn).apply(req.content()), false));
    }
    if (fault instanceof Fault.Busy
        && fn != EcrFunction.QUERY
        && fn != EcrFunction.CANCEL_REQUEST) {
      return done(new EcrResponse("6002", "request error", "device busy", null));
    }
    return ops.execute(cmd, scheduler);
  }

  /** The 4004 answer to anything but POST (4007 while logged out). */
  Reply wrongMethod(String transport) {
    Reply r =
        s.fault instanceof Fault.LoggedOut
            ? encode(error("4007", "user not logged in"))
            : encode(error("4004", "use POST"));
    log(transport, 0, r);
    return r;
  }

  /** The answer to a path that names no function. */
  Reply unknownPath(String transport) {
    Reply r = encode(error("4005", "unknown endpoint"));
    log(transport, 0, r);
    return r;
  }

  private CompletableFuture<Reply> withFault(
      Fault fault, Answer a, ScheduledExecutorService scheduler) {
    Reply reply =
        switch (fault) {
          case Fault.Forge f when a.response() == null -> new Reply.Drop();
          case Fault.DropAfterApprove d when a.moneyMoved() -> new Reply.Drop();
          case Fault.Garbage g -> new Reply.Answer(GARBAGE, a.response().respcd());
          default -> encode(a.response());
        };
    if (fault instanceof Fault.Slow slow && !slow.delay().isZero()) {
      CompletableFuture<Reply> later = new CompletableFuture<>();
      scheduler.schedule(() -> later.complete(reply), slow.delay().toNanos(), TimeUnit.NANOSECONDS);
      return later;
    }
    return CompletableFuture.completedFuture(reply);
  }

  private static EcrResponse codecError(EcrCodecException e) {
    return switch (e.kind()) {
      case UNDECRYPTABLE, BAD_KEY -> error("5001", "decryption failed");
      case BAD_DIGEST -> error("4003", "request denied");
      default -> error("4006", "incorrect parameter: " + e.getMessage());
    };
  }

  private static EcrResponse error(String respcd, String message) {
    return new EcrResponse(respcd, message, message, null);
  }

  private static CompletableFuture<Answer> done(EcrResponse response) {
    return CompletableFuture.completedFuture(new Answer(response, false));
  }

  private Reply encode(EcrResponse response) {
    try {
      return new Reply.Answer(
          EcrCodec.encodeResponse(response, s.posKey, s.encryptResponses), response.respcd());
    } catch (EcrCodecException e) {
      throw new IllegalStateException("cannot encode a response: " + e.getMessage(), e);
    }
  }

  private void log(String transport, int funcType, Reply r) {
    String respcd = r instanceof Reply.Answer a ? a.respcd() : null;
    exchanges.add(new Exchange(transport, funcType, respcd, clock.instant()));
  }
}
