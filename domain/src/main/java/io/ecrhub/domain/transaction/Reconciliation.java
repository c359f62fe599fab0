package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one reconciliation loop for payments and refunds (see {@link Reconciler}): pick the due
 * transactions, take each up (an IN_PROGRESS one whose lease is gone becomes UNKNOWN first), and
 * conclude what its query said: a definite verdict settles it, anything else counts the attempt and
 * schedules the next on the {@link ReconcileSchedule} backoff (after 24 h, flagged once for
 * review). Only the query itself differs between payments and refunds.
 */
final class Reconciliation {
  static final String HUB_RESTARTED = "hub restarted while in flight";
  static final String GIVEN_UP =
      "still unknown 24 h after it was sent; check it in the QFPay merchant portal";

  private final Flow flow;
  private final CloudSource cloud;

  Reconciliation(Flow flow, CloudSource cloud) {
    this.flow = flow;
    this.cloud = cloud;
  }

  /**
   * What the terminal said on this attempt.
   *
   * @param cannotAnswer the terminal cannot settle it: the query was not sent, there is no usable
   *     terminal, or its app is too old to answer "not found" by out_trade_no (ADR 0007)
   */
  record Asked(Verdict verdict, String said, boolean cannotAnswer) {}

  /**
   * The verdict of one attempt, from the sources in ADR 0015's order: the terminal's answer; when
   * the terminal cannot answer and a cloud account is configured, QFPay's cloud, asked with {@code
   * query} (null: the transaction has no reference the cloud knows), whose definite answer or
   * review wins. What each source said is appended to {@code said}.
   */
  Verdict consult(
      TerminalId terminalId,
      Asked terminal,
      CloudQuery query,
      CloudRecord.Kind kind,
      List<ReconcileSources.Said> said) {
    return consult(terminalId, terminal, query, kind, r -> Optional.empty(), said);
  }

  /**
   * As {@link #consult(TerminalId, Asked, CloudQuery, CloudRecord.Kind, List)}; a cloud record for
   * which {@code mismatch} names a difference is reviewed, not settled on.
   */
  Verdict consult(
      TerminalId terminalId,
      Asked terminal,
      CloudQuery query,
      CloudRecord.Kind kind,
      Function<CloudRecord, Optional<String>> mismatch,
      List<ReconcileSources.Said> said) {
    said.add(new ReconcileSources.Said("terminal", terminal.said()));
    if (!terminal.cannotAnswer()
        || terminal.verdict().definite()
        || !cloud.anyConfigured()
        || !cloud.configured(terminalId)) {
      return terminal.verdict();
    }
    if (query == null) {
      said.add(
          new ReconcileSources.Said(
              CloudSource.NAME, "not asked: no reference QFPay knows (no syssn yet)"));
      return terminal.verdict();
    }
    CloudSource.Answer answer = cloud.ask(terminalId, query, kind, mismatch);
    said.add(new ReconcileSources.Said(CloudSource.NAME, answer.said()));
    Verdict v = answer.verdict();
    return v.definite() || v instanceof Verdict.Review ? v : terminal.verdict();
  }

  /** Makes one attempt on each due transaction; how many are settled afterwards. */
  <T extends Settleable> int settleDue(
      Ledger<?, T> ledger, Instant now, int batch, Predicate<T> attempt) {
    int settled = 0;
    for (T t : flow.tx(() -> ledger.due().apply(now, batch))) {
      try {
        settled += attempt.test(t) ? 1 : 0;
      } catch (RuntimeException e) {
        Flow.LOG.log(
            System.Logger.Level.WARNING, "reconciling {0} failed: {1}", t.lifecycle().label(), e);
      }
    }
    return settled;
  }

  /**
   * Whether an attempt on {@code loaded} goes ahead: an IN_PROGRESS transaction whose terminal
   * lease is no longer held for it is marked UNKNOWN ("hub restarted while in flight") and goes
   * ahead; an UNKNOWN one when its attempt is due or {@code forced}; nothing else.
   */
  <I, T extends Settleable> boolean takeUp(
      Ledger<I, T> ledger, I id, T loaded, boolean forced, Instant now) {
    if (loaded.status() == TransactionStatus.IN_PROGRESS) {
      if (flow.leaseHeldFor(loaded.terminalId(), String.valueOf(id), now)) {
        return false;
      }
      flow.change(ledger.label(id), () -> markUnknownIfStillInProgress(ledger, id));
      return true;
    }
    return loaded.status() == TransactionStatus.UNKNOWN && (forced || loaded.isReconcileDue(now));
  }

  /**
   * Concludes an attempt on a transaction that is still UNKNOWN: {@code settle} applies a definite
   * verdict (and saves); anything else counts the attempt and schedules the next one, a {@link
   * Verdict.Review} also flagging it. True when the transaction is settled afterwards.
   */
  <I, T extends Settleable> boolean conclude(
      Ledger<I, T> ledger,
      I id,
      List<ReconcileSources.Said> said,
      Function<T, Verdict> verdictFor,
      BiFunction<T, Verdict, List<TransactionEvent>> settle) {
    flow.change(
        ledger.label(id),
        () -> {
          T fresh = ledger.load(id);
          if (fresh.status() != TransactionStatus.UNKNOWN) {
            return List.of();
          }
          if (!said.isEmpty()) {
            fresh.lifecycle().recordSources(ReconcileSources.format(said));
          }
          Verdict v = verdictFor.apply(fresh);
          if (v.definite()) {
            return settle.apply(fresh, v);
          }
          Instant at = flow.now();
          if (v instanceof Verdict.Review) {
            v.applyTo(fresh, at);
          }
          scheduleNext(fresh, at);
          ledger.save(fresh);
          return fresh.drainEvents();
        });
    return flow.tx(() -> ledger.load(id)).status().isFinal();
  }

  /** The plain settlement: applies the verdict and saves. */
  static <I, T extends Settleable> BiFunction<T, Verdict, List<TransactionEvent>> applying(
      Flow flow, Ledger<I, T> ledger) {
    return (t, v) -> {
      v.applyTo(t, flow.now());
      ledger.save(t);
      return t.drainEvents();
    };
  }

  private <I, T extends Settleable> List<TransactionEvent> markUnknownIfStillInProgress(
      Ledger<I, T> ledger, I id) {
    T t = ledger.load(id);
    if (t.status() != TransactionStatus.IN_PROGRESS) {
      return List.of();
    }
    t.markUnknown(HUB_RESTARTED, flow.now());
    ledger.save(t);
    return t.drainEvents();
  }

  /**
   * Counts the attempt and schedules the next; after 24 h flags the transaction once for review.
   */
  private static void scheduleNext(Settleable t, Instant now) {
    Instant sent = t.sentAt().orElse(t.createdAt());
    Optional<Instant> next = ReconcileSchedule.next(t.reconcileAttempts() + 1, sent, now);
    t.recordReconcileAttempt(next.orElse(null), now);
    if (next.isEmpty() && !GIVEN_UP.equals(t.reviewNote().orElse(null))) {
      t.flagForReview(GIVEN_UP, now);
    }
  }
}
