package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.testing.DirectUnitOfWork;
import io.ecrhub.domain.testing.InMemoryCloudLedger;
import io.ecrhub.domain.testing.InMemoryNotificationInbox;
import io.ecrhub.domain.testing.InMemoryPayments;
import io.ecrhub.domain.testing.InMemoryRefunds;
import io.ecrhub.domain.testing.InMemoryTerminalLeases;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.RecordingEventPublisher;
import io.ecrhub.domain.testing.ScriptedTerminalChannel;
import io.ecrhub.domain.testing.SequenceIds;
import io.ecrhub.domain.testing.TerminalFixture;
import io.ecrhub.domain.testing.TestMoney;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The transaction use cases wired to the in-memory fakes, a scripted channel and a clock the test
 * moves. Terminal answers are applied on the thread that releases them (direct executor).
 */
final class Harness {
  static final String INSTANCE = "hub-a";

  final MutableClock clock = MutableClock.atDefaultStart();
  final InMemoryTerminals terminals = new InMemoryTerminals();
  final Payments payments;
  final InMemoryRefunds refunds = new InMemoryRefunds();
  final InMemoryTerminalLeases leases = new InMemoryTerminalLeases();

  /** While true, renewing a lease fails as on a database outage. */
  volatile boolean leaseStoreDown;

  final ScriptedTerminalChannel channel = new ScriptedTerminalChannel();
  final DirectUnitOfWork uow = new DirectUnitOfWork();
  final RecordingEventPublisher events = new RecordingEventPublisher();
  final InMemoryNotificationInbox inbox = new InMemoryNotificationInbox();
  final List<Boolean> publishedInsideTransaction = new CopyOnWriteArrayList<>();
  final TransactionSettings settings = TransactionSettings.defaults();
  final PaymentService service;
  final Reconciler reconciler;
  final TransactionPorts ports;

  /** QFPay's cloud as {@link #withCloud} sees it (ADR 0015). */
  final InMemoryCloudLedger cloud = new InMemoryCloudLedger();

  /** The reconciler with a cloud account configured. */
  final Reconciler withCloud;

  /** The payment service with a cloud account configured: refunds may go through the cloud. */
  final PaymentService cloudService;

  Harness() {
    this(new InMemoryPayments());
  }

  Harness(Payments payments) {
    this.payments = payments;
    channel.watch(uow);
    terminals.save(TerminalFixture.terminal());
    ports =
        new TransactionPorts(
            terminals,
            payments,
            refunds,
            new FlakyLeases(),
            channel,
            uow,
            e -> {
              publishedInsideTransaction.add(uow.inside());
              events.publish(e);
            },
            new io.ecrhub.domain.terminal.TerminalHealth(
                terminals, uow, clock, io.ecrhub.domain.terminal.TerminalHealth.StatusChanges.NONE),
            inbox);
    service =
        new PaymentService(ports, clock, new SequenceIds(""), INSTANCE, settings, Runnable::run);
    reconciler = new Reconciler(ports, clock, INSTANCE, settings);
    withCloud = new Reconciler(ports, clock, INSTANCE, settings, Optional.of(cloud));
    cloudService =
        new PaymentService(
            ports,
            clock,
            new SequenceIds("c"),
            INSTANCE,
            settings,
            Runnable::run,
            Optional.of(cloud));
  }

  /** Moves the clock by {@code d} in heartbeat steps, renewing the held leases at each. */
  void advanceRenewing(java.time.Duration d) {
    java.time.Instant end = clock.instant().plus(d);
    while (clock.instant().isBefore(end)) {
      java.time.Duration step = java.time.Duration.between(clock.instant(), end);
      clock.advance(step.compareTo(service.renewEvery()) < 0 ? step : service.renewEvery());
      service.renewHeld();
    }
  }

  /** Another hub instance on the same stores. */
  Reconciler reconcilerOf(String instanceId) {
    return new Reconciler(ports, clock, instanceId, settings);
  }

  /** The in-memory leases, whose renewals fail while {@link #leaseStoreDown}. */
  private final class FlakyLeases implements TerminalLeases {
    @Override
    public boolean tryAcquire(
        TerminalId terminalId, String holder, java.time.Duration ttl, java.time.Instant now) {
      return leases.tryAcquire(terminalId, holder, ttl, now);
    }

    @Override
    public boolean renew(
        TerminalId terminalId, String holder, java.time.Duration ttl, java.time.Instant now) {
      if (leaseStoreDown) {
        throw new IllegalStateException("database unreachable");
      }
      return leases.renew(terminalId, holder, ttl, now);
    }

    @Override
    public void release(TerminalId terminalId, String holder) {
      leases.release(terminalId, holder);
    }

    @Override
    public int releaseAllHeldBy(String instanceId) {
      return leases.releaseAllHeldBy(instanceId);
    }

    @Override
    public Optional<Lease> current(TerminalId terminalId, java.time.Instant now) {
      return leases.current(terminalId, now);
    }
  }

  static StartPayment.Command pay(String amount, Channel channel) {
    return new StartPayment.Command(
        TerminalFixture.DEFAULT_ID, TestMoney.hkd(amount), channel, null, null);
  }

  static StartPayment.Command pay(String amount, Channel channel, String reference, String key) {
    return new StartPayment.Command(
        TerminalFixture.DEFAULT_ID, TestMoney.hkd(amount), channel, reference, key);
  }

  int paymentCount() {
    return payments.findByStatus(EnumSet.allOf(TransactionStatus.class), Integer.MAX_VALUE).size();
  }

  Payment payment(PaymentId id) {
    return payments.findById(id).orElseThrow();
  }

  Refund refund(RefundId id) {
    return refunds.findById(id).orElseThrow();
  }

  Terminal terminal() {
    return terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
  }

  Optional<TerminalLeases.Lease> lease() {
    return leases.current(TerminalFixture.DEFAULT_ID, clock.instant());
  }

  Optional<TerminalLeases.Lease> lease(TerminalId id) {
    return leases.current(id, clock.instant());
  }

  /** Stores a payment as a notification or another instance would, outside the use cases. */
  Payment store(Payment p) {
    return payments.save(p);
  }

  /** Stores a refund as another instance would, outside the use cases. */
  Refund store(Refund r) {
    return refunds.save(r);
  }

  List<String> eventTypes(String aggregateId) {
    return events.about(aggregateId).stream().map(DomainEvent::type).toList();
  }

  static TransactionReport approvedReport(String syssn, String outTradeNo, String status) {
    return new TransactionReport(
        syssn,
        outTradeNo,
        null,
        "payment",
        status,
        "10.50",
        "HKD",
        "VISA",
        "520000******1096",
        null,
        Map.of());
  }

  static TransactionReport paymentRecord(
      String syssn, String refundable, Map<String, String> fields) {
    return new TransactionReport(
        syssn, null, null, "payment", "0000", null, "HKD", null, null, refundable, fields);
  }

  static Money hkd(String amount) {
    return TestMoney.hkd(amount);
  }
}
