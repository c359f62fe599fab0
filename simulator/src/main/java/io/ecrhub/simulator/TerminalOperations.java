package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.ecr.codec.EcrResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The business side of a terminal: payments wait "for the card" without blocking a thread (the
 * caller's event loop schedules the outcome), a 5001 cancels the one request in flight, a second
 * trade, refund or print while one is in flight is answered {@code 6002 "device busy"}, approved
 * money movements are recorded and notified.
 */
final class TerminalOperations {
  /** The answer to a request; {@code moneyMoved} marks approved payments and refunds. */
  record Answer(EcrResponse response, boolean moneyMoved) {
    static Answer of(String respcd, String respmsg, String resperr, Map<String, Object> data) {
      return new Answer(new EcrResponse(respcd, respmsg, resperr, data), false);
    }
  }

  private record Resolution(SimTransaction.Status status, String message) {}

  /** The one trade or refund in flight. */
  private static final class InFlight {
    final SimTransaction provisional;
    final SimTransaction payment; // the refunded payment, for refunds
    final CompletableFuture<Resolution> resolution = new CompletableFuture<>();
    volatile ScheduledFuture<?> timer;

    InFlight(SimTransaction provisional, SimTransaction payment) {
      this.provisional = provisional;
      this.payment = payment;
    }
  }

  private static final String MERCHANT = "ECR Hub Simulator Store";

  /** The documented-nowhere busy answer this simulator chose: 6002 "device busy". */
  private static final Answer BUSY = Answer.of("6002", "request error", "device busy", Map.of());

  private final TerminalSettings s;
  private final Ledger ledger;
  private final Clock clock;
  private final QfpayNotifier notifier;
  private final RandomGenerator random;
  private InFlight inFlight; // guarded by this

  TerminalOperations(
      TerminalSettings s, Ledger ledger, Clock clock, QfpayNotifier notifier, RandomGenerator r) {
    this.s = s;
    this.ledger = ledger;
    this.clock = clock;
    this.notifier = notifier;
    this.random = r;
  }

  CompletableFuture<Answer> execute(SimCommand cmd, ScheduledExecutorService scheduler) {
    return switch (cmd) {
      case SimCommand.Trade t -> trade(t, scheduler);
      case SimCommand.Refund r -> refund(r, scheduler);
      case SimCommand.Query q -> CompletableFuture.completedFuture(query(q));
      case SimCommand.PrintReceipt p -> CompletableFuture.completedFuture(print(p.orderId()));
      case SimCommand.PrintSummary p -> CompletableFuture.completedFuture(print(null));
      case SimCommand.CancelRequest c ->
          CompletableFuture.completedFuture(
              resolveInFlight(SimTransaction.Status.CANCELLED, "cancelled by the ECR")
                  ? Answer.of("6000", "success", "", Map.of())
                  : Answer.of("6002", "request error", "no request in progress", Map.of()));
    };
  }

  private CompletableFuture<Answer> trade(SimCommand.Trade t, ScheduledExecutorService sched) {
    Instant now = clock.instant();
    InFlight f;
    synchronized (this) {
      if (inFlight != null) {
        return busy();
      }
      if (t.outTradeNo() != null && ledger.outTradeNoTaken(t.outTradeNo())) {
        return done(Answer.of("6002", "request error", "duplicate out_trade_no", Map.of()));
      }
      f = new InFlight(Provisional.payment(t, ledger.newSyssn(now), now), null);
      ledger.put(f.provisional);
      inFlight = f;
    }
    String decline = s.declineNext.getAndSet(null);
    if (decline == null && s.declineCents != null) {
      int cents = (int) (t.amount().minorUnits() % 100);
      decline = cents == s.declineCents ? "declined by the issuer (simulated rule)" : null;
    }
    Resolution planned =
        decline == null
            ? new Resolution(SimTransaction.Status.APPROVED, null)
            : new Resolution(SimTransaction.Status.DECLINED, decline);
    Duration wait = s.cardWait;
    if (t.timeout() != null && t.timeout().compareTo(wait) < 0) {
      wait = t.timeout();
      planned = new Resolution(SimTransaction.Status.TIMED_OUT, "timed out waiting for the card");
    }
    CompletableFuture<Answer> answer = f.resolution.thenApply(r -> finishTrade(f, r));
    plan(f, planned, wait, sched);
    return answer;
  }

  private Answer finishTrade(InFlight f, Resolution r) {
    SimTransaction done = f.provisional.withOutcome(r.status(), clock.instant(), r.message());
    release(f, done);
    Map<String, Object> data = ResponseData.trade(done, MERCHANT);
    return switch (r.status()) {
      case APPROVED -> {
        notifier.paymentApproved(s.terminalId, s.notifyUrl, s.notifyKey, done);
        yield new Answer(new EcrResponse("6000", "success", "", data), true);
      }
      case CANCELLED -> Answer.of("6001", "request cancelled", r.message(), data);
      default -> Answer.of("6002", "request error", r.message(), data);
    };
  }

  private CompletableFuture<Answer> refund(SimCommand.Refund r, ScheduledExecutorService sched) {
    Instant now = clock.instant();
    InFlight f;
    synchronized (this) {
      if (inFlight != null) {
        return busy();
      }
      Map.Entry<SimTransaction, Money> decision;
      try {
        decision = ledger.decideRefund(r.orderId(), r.amount(), now);
      } catch (Ledger.Refusal e) {
        return done(Answer.of("6002", "request error", e.getMessage(), Map.of()));
      }
      SimTransaction p = decision.getKey();
      byte[] ref = new byte[16];
      random.nextBytes(ref);
      f =
          new InFlight(
              Provisional.refund(
                  p, decision.getValue(), HexFormat.of().formatHex(ref), ledger.newSyssn(now), now),
              p);
      ledger.put(f.provisional);
      inFlight = f;
    }
    String decline = s.declineNext.getAndSet(null);
    Resolution planned =
        decline == null
            ? new Resolution(SimTransaction.Status.APPROVED, null)
            : new Resolution(SimTransaction.Status.DECLINED, decline);
    CompletableFuture<Answer> answer = f.resolution.thenApply(res -> finishRefund(f, res));
    plan(f, planned, s.refundWait, sched);
    return answer;
  }

  private Answer finishRefund(InFlight f, Resolution r) {
    SimTransaction done = f.provisional.withOutcome(r.status(), clock.instant(), r.message());
    SimTransaction payment = f.payment;
    if (r.status() == SimTransaction.Status.APPROVED) {
      synchronized (this) {
        payment = ledger.bySyssn(payment.syssn()).orElse(payment);
        payment = payment.withRefunded(payment.refunded().plus(done.amount()));
        ledger.put(payment);
      }
    }
    release(f, done);
    Map<String, Object> data = ResponseData.refund(done, payment);
    return switch (r.status()) {
      case APPROVED -> {
        notifier.refundApproved(s.terminalId, s.notifyUrl, s.notifyKey, done, payment);
        yield new Answer(new EcrResponse("6000", "success", "", data), true);
      }
      case CANCELLED -> Answer.of("6001", "request cancelled", r.message(), data);
      default -> Answer.of("6002", "request error", r.message(), data);
    };
  }

  private Answer query(SimCommand.Query q) {
    Optional<SimTransaction> t =
        q.orderId() != null ? find(q.orderId()) : ledger.byOutTradeNo(q.outTradeNo());
    return t.map(x -> Answer.of("6000", "success", "", ResponseData.query(x, clock.instant())))
        .orElseGet(() -> Answer.of("6002", "request error", "transaction not found", Map.of()));
  }

  private Answer print(String orderId) {
    synchronized (this) {
      if (inFlight != null) {
        return BUSY;
      }
    }
    if (orderId == null) {
      ledger.print(new PrintJob(PrintJob.Kind.SUMMARY, null, clock.instant()));
      return Answer.of("6000", "success", "", Map.of());
    }
    Optional<SimTransaction> t = find(orderId);
    if (t.isEmpty()) {
      return Answer.of("6002", "request error", "transaction not found", Map.of());
    }
    ledger.print(new PrintJob(PrintJob.Kind.RECEIPT, t.get().syssn(), clock.instant()));
    return Answer.of("6000", "success", "", Map.of());
  }

  /** orderId is documented as the syssn, "or out_trade_no": try both. */
  private Optional<SimTransaction> find(String orderId) {
    Optional<SimTransaction> t = ledger.bySyssn(orderId);
    return t.isPresent() ? t : ledger.byOutTradeNo(orderId);
  }

  /** Ends the request in flight with {@code status}; false when nothing was in flight. */
  boolean resolveInFlight(SimTransaction.Status status, String message) {
    InFlight f;
    synchronized (this) {
      f = inFlight;
    }
    if (f == null || !f.resolution.complete(new Resolution(status, message))) {
      return false;
    }
    ScheduledFuture<?> timer = f.timer;
    if (timer != null) {
      timer.cancel(false);
    }
    return true;
  }

  synchronized Optional<SimTransaction> inFlight() {
    return Optional.ofNullable(inFlight).map(f -> f.provisional);
  }

  private void plan(InFlight f, Resolution planned, Duration wait, ScheduledExecutorService sched) {
    if (wait.isZero()) {
      f.resolution.complete(planned);
    } else {
      f.timer =
          sched.schedule(
              () -> f.resolution.complete(planned), wait.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void release(InFlight f, SimTransaction done) {
    ledger.put(done);
    if (inFlight == f) {
      inFlight = null;
    }
  }

  private static CompletableFuture<Answer> busy() {
    return done(BUSY);
  }

  private static CompletableFuture<Answer> done(Answer a) {
    return CompletableFuture.completedFuture(a);
  }
}
