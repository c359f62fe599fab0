package io.ecrhub.app.wiring;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.DriftAudit;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.RecordTerminalSignal;
import io.ecrhub.domain.terminal.TerminalChannel;
import io.ecrhub.domain.terminal.TerminalDriftMonitor;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.terminal.TerminalOperations;
import io.ecrhub.domain.terminal.TerminalRegistry;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.transaction.NotificationTrail;
import io.ecrhub.domain.transaction.PaymentService;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.PaymentsInFlight;
import io.ecrhub.domain.transaction.Reconciler;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionPorts;
import io.ecrhub.domain.transaction.TransactionSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wires the domain's use cases (payments, refunds, cancel, reconciliation, prints, the terminal
 * registry, the one terminal status writer) to the persistence adapters, the terminal channel, the
 * clock and the configuration.
 */
public class DomainProducers {

  @Produces
  @Singleton
  TransactionSettings settings(HubConfig config) {
    HubConfig.Terminal t = config.terminal();
    return new TransactionSettings(
            t.paymentTimeout(),
            t.connectTimeout(),
            t.paymentReadMargin(),
            t.readTimeout(),
            config.reconciliation().batchSize(),
            cardCutoff(config.refunds().cardCutoff()))
        .withCurrencies(Currencies.of(t.currencies()))
        .withLeaseTtl(t.leaseTtl());
  }

  /** {@code ecrhub.refunds.card-cutoff}: a time of day (HH:mm) or {@code none}. */
  static LocalTime cardCutoff(String value) {
    String v = value.strip();
    if (v.equalsIgnoreCase("none")) {
      return null;
    }
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "ecrhub.refunds.card-cutoff must be a Hong Kong time of day such as 23:00, or none; got '"
              + v
              + "'");
    }
  }

  /** Where terminal answers are applied (blocking database work, never a network event loop). */
  @Produces
  @Singleton
  @Named("outcomes")
  ExecutorService outcomes() {
    return daemonPool("ecrhub-outcome", 8);
  }

  void closeOutcomes(@Disposes @Named("outcomes") ExecutorService pool) {
    shutdown(pool);
  }

  /**
   * The one terminal status writer, given to every path that sees a status (payments, refunds,
   * prints, diagnostics, MMS syncs): drift any of them reveals is audited the same way.
   */
  @Produces
  @Singleton
  TerminalHealth terminalHealth(
      Terminals terminals, UnitOfWork unitOfWork, Clock clock, ConfigAudit audit, IdGenerator ids) {
    return new TerminalHealth(terminals, unitOfWork, clock, new DriftAudit(audit, ids));
  }

  /** Live signals (diagnostics, TLS probes) become terminal statuses with their fix. */
  @Produces
  @Singleton
  RecordTerminalSignal driftMonitor(TerminalHealth health) {
    return new TerminalDriftMonitor(health);
  }

  @Produces
  @Singleton
  TransactionPorts ports(
      Terminals terminals,
      Payments payments,
      Refunds refunds,
      TerminalLeases leases,
      TerminalChannel channel,
      UnitOfWork unitOfWork,
      EventPublisher events,
      TerminalHealth health,
      NotificationTrail notificationTrail) {
    return new TransactionPorts(
        terminals,
        payments,
        refunds,
        leases,
        channel,
        unitOfWork,
        events,
        health,
        notificationTrail);
  }

  /**
   * Starts, cancels and refunds payments (StartPayment, CancelPayment, RefundPayment); refunds go
   * through QFPay's cloud too when an account is configured (ADR 0021).
   */
  @Produces
  @Singleton
  PaymentService payments(
      TransactionPorts ports,
      Clock clock,
      IdGenerator ids,
      InstanceId instance,
      TransactionSettings settings,
      @Named("outcomes") ExecutorService outcomes,
      QfpayCloudAccounts cloud) {
    return new PaymentService(
        ports, clock, ids, instance.value(), settings, outcomes, (CloudLedgers) cloud);
  }

  /**
   * Settles UNKNOWN and interrupted transactions (ReconcileInFlight), with QFPay's cloud as the
   * third source when an account is configured (ADR 0015).
   */
  @Produces
  @Singleton
  Reconciler reconciler(
      TransactionPorts ports,
      Clock clock,
      InstanceId instance,
      TransactionSettings settings,
      QfpayCloudAccounts cloud) {
    return new Reconciler(ports, clock, instance.value(), settings, (CloudLedgers) cloud);
  }

  /** Prints receipts and summaries (PrintOnTerminal). */
  @Produces
  @Singleton
  TerminalOperations prints(
      Terminals terminals,
      TerminalLeases leases,
      TerminalChannel channel,
      UnitOfWork unitOfWork,
      Clock clock,
      TerminalHealth health,
      HubConfig config) {
    return new TerminalOperations(
        terminals,
        leases,
        channel,
        unitOfWork,
        clock,
        health,
        config.terminal().connectTimeout(),
        config.terminal().readTimeout());
  }

  /**
   * Registers, changes and removes terminals (RegisterTerminal, ChangeTerminal, RemoveTerminal).
   */
  @Produces
  @Singleton
  TerminalRegistry terminalRegistry(
      Terminals terminals,
      CertificatePins pins,
      AddressHistory addresses,
      Payments payments,
      UnitOfWork unitOfWork,
      IdGenerator ids,
      Clock clock,
      io.ecrhub.app.cloud.QfpayCloudAccounts cloud) {
    return new TerminalRegistry(
        terminals,
        pins,
        addresses,
        new PaymentsInFlight(payments),
        unitOfWork,
        ids,
        clock,
        (java.util.function.Predicate<String>) cloud::serves);
  }

  static ExecutorService daemonPool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  static void shutdown(ExecutorService pool) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
