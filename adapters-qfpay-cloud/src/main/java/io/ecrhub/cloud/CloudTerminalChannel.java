package io.ecrhub.cloud;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.EcrCloud;
import io.ecrhub.domain.cloud.PushOutcome;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.TransactionReport;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@link TerminalChannel} of terminals reached through QFPay's cloud ({@code /ecr/v1/*},
 * protocol doc §11), named by their Device ID ({@link TerminalEndpoint#deviceId()}, {@code termid}
 * on the wire).
 *
 * <p>A push is asynchronous and sent at most once. A payment pushed (or whose push answer was lost)
 * is followed by {@code /ecr/v1/query} by its out_trade_no until QFPay's record is final or the
 * endpoint's read budget is spent: a success is an {@code Approved} answer bound by the use case
 * like any other (ADR 0007), a failure status a decline, and no final record {@code
 * OutcomeUnknown}, for reconciliation (which asks this channel again, by query) and the
 * notification to settle. It is never pushed again. A refund push carries no reference of its own
 * (§11): once pushed it is {@code OutcomeUnknown} and is settled by QFPay's notification, or by the
 * reconciler's query of the payment's record ({@code allow_refund_amt}).
 *
 * <p>Calls to QFPay block; they run on {@code blocking}, never on the caller's thread.
 */
public final class CloudTerminalChannel implements TerminalChannel {
  private final Function<TerminalId, Optional<EcrCloud>> clouds;
  private final Executor blocking;
  private final Duration pollEvery;
  private final Currency fallbackCurrency;
  private final LongSupplier nanoTime;

  /**
   * @param cloud the default account's ECR cloud; empty when no account is configured (every
   *     request is then {@code NotSent(CONFIGURATION)})
   * @param blocking where the HTTP calls run
   * @param pollEvery pause between two queries of a pushed payment
   * @param fallbackCurrency the currency of a record that does not state one ({@code txcurrcd})
   * @param nanoTime the clock of the polling budget ({@code System::nanoTime})
   */
  public CloudTerminalChannel(
      Optional<EcrCloud> cloud,
      Executor blocking,
      Duration pollEvery,
      Currency fallbackCurrency,
      LongSupplier nanoTime) {
    this(terminal -> cloud, blocking, pollEvery, fallbackCurrency, nanoTime);
    Objects.requireNonNull(cloud, "cloud");
  }

  /**
   * @param clouds the ECR cloud of the account serving a terminal's store (ADR 0028), empty when
   *     none does (the request is then {@code NotSent(CONFIGURATION)}); asked on {@code blocking}
   *     for every request, so an account changed meanwhile is used at once
   * @param blocking where the look-up and the HTTP calls run
   * @param pollEvery pause between two queries of a pushed payment
   * @param fallbackCurrency the currency of a record that does not state one ({@code txcurrcd})
   * @param nanoTime the clock of the polling budget ({@code System::nanoTime})
   */
  public CloudTerminalChannel(
      Function<TerminalId, Optional<EcrCloud>> clouds,
      Executor blocking,
      Duration pollEvery,
      Currency fallbackCurrency,
      LongSupplier nanoTime) {
    this.clouds = Objects.requireNonNull(clouds, "clouds");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
    this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    this.fallbackCurrency = Objects.requireNonNull(fallbackCurrency, "fallbackCurrency");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command) {
    return call(() -> clouds.apply(endpoint.terminalId()))
        .handle(
            (cloud, e) ->
                e == null
                    ? send(cloud, endpoint, command)
                    : done(
                        new TerminalOutcome.NotSent(
                            NotSentCause.CONFIGURATION,
                            "the terminal's QFPay cloud account could not be looked up: " + e)))
        .thenCompose(x -> x);
  }

  private CompletionStage<TerminalOutcome> send(
      Optional<EcrCloud> cloud, TerminalEndpoint endpoint, TerminalCommand command) {
    if (cloud.isEmpty()) {
      return done(
          new TerminalOutcome.NotSent(
              NotSentCause.CONFIGURATION,
              "no QFPay cloud account is configured on this hub or for the terminal's store"));
    }
    String device = endpoint.deviceId();
    if (device == null || device.isBlank()) {
      return done(
          new TerminalOutcome.NotSent(
              NotSentCause.CONFIGURATION, "the terminal has no Device ID for QFPay's cloud"));
    }
    EcrCloud ecr = cloud.get();
    long deadline = nanoTime.getAsLong() + endpoint.readTimeout().toNanos();
    return switch (command) {
      case TerminalCommand.Pay p ->
          call(() ->
                  ecr.pushPayment(
                      device, p.amount(), p.channel(), p.outTradeNo().value(), p.paymentTimeout()))
              .thenCompose(push -> afterPaymentPush(ecr, device, p, push, deadline));
      case TerminalCommand.Refund r ->
          call(() -> ecr.pushRefund(device, r.originalSyssn().value(), r.amount()))
              .thenApply(CloudTerminalChannel::afterRefundPush);
      case TerminalCommand.CancelRequest c ->
          call(() -> ecr.pushCancel(device)).thenApply(CloudTerminalChannel::afterPlainPush);
      case TerminalCommand.PrintSummary s ->
          call(() -> ecr.pushPrintSummary(device)).thenApply(CloudTerminalChannel::afterPlainPush);
      case TerminalCommand.PrintReceipt pr -> call(() -> printReceipt(ecr, device, pr));
      case TerminalCommand.Query q -> call(() -> queried(ecr.query(device, question(q)), q));
    };
  }

  private <T> CompletableFuture<T> call(java.util.function.Supplier<T> io) {
    return CompletableFuture.supplyAsync(io, blocking);
  }

  private static CompletableFuture<TerminalOutcome> done(TerminalOutcome o) {
    return CompletableFuture.completedFuture(o);
  }

  /**
   * Pushed, or the answer to the push was lost: QFPay's record says what became of it. Refused or
   * not sent: nothing reached the terminal.
   */
  private CompletionStage<TerminalOutcome> afterPaymentPush(
      EcrCloud ecr, String device, TerminalCommand.Pay p, PushOutcome push, long deadline) {
    return switch (push) {
      case PushOutcome.Pushed ok ->
          follow(ecr, device, p, deadline, "pushed through QFPay's cloud");
      case CloudOutcome.OutcomeUnknown u ->
          follow(ecr, device, p, deadline, "the answer to the push was lost (" + u.reason() + ")");
      case CloudOutcome.NotSent n -> done(notSent(n.reason()));
      case CloudOutcome.Refused r -> done(refused(r));
      case CloudOutcome.Failed f ->
          done(
              new TerminalOutcome.NotSent(
                  NotSentCause.CONFIGURATION,
                  "QFPay refused the push: " + f.respcd() + " " + nullToEmpty(f.message())));
    };
  }

  /** Queries the pushed payment until its record is final or the budget is spent. */
  private CompletionStage<TerminalOutcome> follow(
      EcrCloud ecr, String device, TerminalCommand.Pay p, long deadline, String how) {
    Executor later =
        CompletableFuture.delayedExecutor(pollEvery.toMillis(), TimeUnit.MILLISECONDS, blocking);
    return CompletableFuture.supplyAsync(
            () -> ecr.query(device, CloudQuery.byOutTradeNo(p.outTradeNo().value(), p.amount())),
            later)
        .thenCompose(
            answer -> {
              Optional<TerminalOutcome> settled = paymentRecord(answer);
              if (settled.isPresent()) {
                return done(settled.get());
              }
              if (nanoTime.getAsLong() - deadline >= 0) {
                return done(
                    new TerminalOutcome.OutcomeUnknown(
                        how
                            + "; QFPay has no final record of "
                            + p.outTradeNo()
                            + " yet (last: "
                            + describe(answer)
                            + "); never pushed again"));
              }
              return follow(ecr, device, p, deadline, how);
            });
  }

  /** A final answer from the record of a pushed payment, or empty to keep asking. */
  private static Optional<TerminalOutcome> paymentRecord(CloudOutcome answer) {
    return switch (answer) {
      case CloudOutcome.Settled s -> Optional.of(approved(s.record()));
      // another amount: the use case binds the answer and flags it for review
      case CloudOutcome.Mismatch m -> Optional.of(approved(m.record()));
      case CloudOutcome.Failed f ->
          Optional.of(
              new TerminalOutcome.Declined(
                  DeclineReason.DECLINED_BY_TERMINAL,
                  "QFPay's cloud reports transaction status "
                      + f.respcd()
                      + (f.message() == null ? "" : " " + f.message()),
                  f.respcd()));
      // pending, not there yet (1136), no answer: ask again
      case CloudOutcome.Pending p -> Optional.empty();
      case CloudOutcome.Refused r -> Optional.empty();
      case CloudOutcome.NotSent n -> Optional.empty();
      case CloudOutcome.OutcomeUnknown u -> Optional.empty();
    };
  }

  private static TerminalOutcome afterRefundPush(PushOutcome push) {
    return switch (push) {
      case PushOutcome.Pushed ok ->
          new TerminalOutcome.OutcomeUnknown(
              "refund pushed through QFPay's cloud; settled by QFPay's notification or by query");
      case CloudOutcome.OutcomeUnknown u ->
          new TerminalOutcome.OutcomeUnknown(
              "the answer to the refund push was lost (" + u.reason() + "); never pushed again");
      case CloudOutcome.NotSent n -> notSent(n.reason());
      case CloudOutcome.Refused r -> refused(r);
      case CloudOutcome.Failed f ->
          new TerminalOutcome.Declined(
              DeclineReason.DECLINED_BY_TERMINAL,
              "QFPay refused the refund: " + nullToEmpty(f.message()),
              f.respcd());
    };
  }

  /** Cancel and prints: QFPay passing the request on is all there is to know. */
  private static TerminalOutcome afterPlainPush(PushOutcome push) {
    return switch (push) {
      case PushOutcome.Pushed ok -> new TerminalOutcome.Approved(TransactionReport.EMPTY);
      case CloudOutcome.OutcomeUnknown u -> new TerminalOutcome.OutcomeUnknown(u.reason());
      case CloudOutcome.NotSent n -> notSent(n.reason());
      case CloudOutcome.Refused r ->
          r.reason() == RefusalReason.DEVICE_NOT_BOUND
              ? refused(r)
              : new TerminalOutcome.ProtocolError(r.respcd(), nullToEmpty(r.message()));
      case CloudOutcome.Failed f ->
          new TerminalOutcome.ProtocolError(f.respcd(), nullToEmpty(f.message()));
    };
  }

  /** {@code print_receipt} needs the out_trade_no as well: read from QFPay's record first. */
  private TerminalOutcome printReceipt(
      EcrCloud ecr, String device, TerminalCommand.PrintReceipt pr) {
    CloudOutcome found =
        ecr.query(device, new CloudQuery(null, pr.syssn().value(), fallbackCurrency, null));
    Optional<CloudRecord> record =
        switch (found) {
          case CloudOutcome.Settled s -> Optional.of(s.record());
          case CloudOutcome.Pending p -> Optional.ofNullable(p.record());
          case CloudOutcome.Mismatch m -> Optional.of(m.record());
          default -> Optional.empty();
        };
    if (record.isEmpty()) {
      return switch (found) {
        case CloudOutcome.NotSent n -> notSent(n.reason());
        case CloudOutcome.Refused r when r.reason() == RefusalReason.NO_SUCH_TRANSACTION ->
            new TerminalOutcome.NotFound(nullToEmpty(r.message()), r.respcd());
        default -> new TerminalOutcome.OutcomeUnknown("QFPay's record: " + describe(found));
      };
    }
    String outTradeNo = record.get().outTradeNo();
    if (outTradeNo == null || outTradeNo.isBlank()) {
      return new TerminalOutcome.NotFound(
          "QFPay's record of " + pr.syssn() + " has no out_trade_no to print by", null);
    }
    return afterPlainPush(ecr.pushPrintReceipt(device, pr.syssn().value(), outTradeNo));
  }

  private CloudQuery question(TerminalCommand.Query q) {
    return new CloudQuery(
        q.outTradeNo() == null ? null : q.outTradeNo().value(),
        q.syssn() == null ? null : q.syssn().value(),
        fallbackCurrency,
        null);
  }

  /** A 4001 answer read from QFPay's record, as the terminal would have given it. */
  private static TerminalOutcome queried(CloudOutcome answer, TerminalCommand.Query q) {
    return switch (answer) {
      case CloudOutcome.Settled s -> approved(s.record());
      case CloudOutcome.Mismatch m -> approved(m.record());
      case CloudOutcome.Pending p ->
          p.record() == null
              ? new TerminalOutcome.OutcomeUnknown("QFPay reports it pending (" + p.respcd() + ")")
              : approved(p.record());
      // a failure status without its record: only the identifiers asked by and the status
      case CloudOutcome.Failed f ->
          new TerminalOutcome.Approved(
              new TransactionReport(
                  q.syssn() == null ? null : q.syssn().value(),
                  q.outTradeNo() == null ? null : q.outTradeNo().value(),
                  null,
                  null,
                  f.respcd(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  Map.of()));
      case CloudOutcome.Refused r when r.reason() == RefusalReason.NO_SUCH_TRANSACTION ->
          new TerminalOutcome.NotFound(nullToEmpty(r.message()), r.respcd());
      case CloudOutcome.Refused r -> refused(r);
      case CloudOutcome.NotSent n -> notSent(n.reason());
      case CloudOutcome.OutcomeUnknown u -> new TerminalOutcome.OutcomeUnknown(u.reason());
    };
  }

  /** QFPay's record as the report of a terminal answer (amounts in cents, as QFPay gives them). */
  static TerminalOutcome.Approved approved(CloudRecord r) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("source", "qfpay-cloud");
    return new TerminalOutcome.Approved(
        new TransactionReport(
            r.syssn(),
            r.outTradeNo(),
            r.originalSyssn(),
            r.kind() == CloudRecord.Kind.REFUND ? "refund" : "payment",
            r.respcd(),
            Long.toString(r.amount().minorUnits()),
            r.amount().currency().getCurrencyCode(),
            null,
            null,
            r.refundable() == null ? null : Long.toString(r.refundable().minorUnits()),
            fields));
  }

  private static TerminalOutcome refused(CloudOutcome.Refused r) {
    if (r.reason() == RefusalReason.DEVICE_NOT_BOUND) {
      return new TerminalOutcome.NotSent(
          NotSentCause.CONFIGURATION,
          "QFPay's cloud does not know the Device ID (1106): bind it in the merchant app");
    }
    return new TerminalOutcome.Declined(
        DeclineReason.DECLINED_BY_TERMINAL, nullToEmpty(r.message()), r.respcd());
  }

  private static TerminalOutcome notSent(String reason) {
    return new TerminalOutcome.NotSent(
        NotSentCause.CONNECT_FAILED, "QFPay's cloud not reached: " + reason);
  }

  private static String describe(CloudOutcome o) {
    return switch (o) {
      case CloudOutcome.Pending p -> "pending " + p.respcd();
      case CloudOutcome.Refused r -> r.respcd() + " " + nullToEmpty(r.message());
      case CloudOutcome.NotSent n -> "not reached: " + n.reason();
      case CloudOutcome.OutcomeUnknown u -> "no answer: " + u.reason();
      case CloudOutcome.Failed f -> "failed " + f.respcd();
      case CloudOutcome.Settled s -> "settled";
      case CloudOutcome.Mismatch m -> "amount differs";
    };
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return "CloudTerminalChannel[by store]";
  }
}
