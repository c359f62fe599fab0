package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.testing.InMemoryPayments;
import io.ecrhub.domain.testing.InMemoryRefunds;
import io.ecrhub.domain.testing.InMemoryTerminalLeases;
import io.ecrhub.domain.testing.InMemoryTerminals;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.RecordingEventPublisher;
import io.ecrhub.domain.testing.ScriptedTerminalChannel;
import io.ecrhub.domain.testing.SequenceIds;
import io.ecrhub.domain.testing.TerminalFixture;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Starting a payment takes the terminal's lease and records the payment IN_PROGRESS in one unit of
 * work, so the lease row and the payment row commit together (one commit before the terminal is
 * called). Each port call is journaled with the outermost unit of work it ran in.
 */
class StartPaymentUnitOfWorkTest {
  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryPayments payments = new InMemoryPayments();
  private final InMemoryTerminalLeases leases = new InMemoryTerminalLeases();
  private final ScriptedTerminalChannel channel = new ScriptedTerminalChannel();
  private final RecordingEventPublisher events = new RecordingEventPublisher();
  private final JournalingUnitOfWork uow = new JournalingUnitOfWork();
  private final List<String> journal = new CopyOnWriteArrayList<>();
  private RuntimeException failSave;
  private final PaymentService service;

  StartPaymentUnitOfWorkTest() {
    terminals.save(TerminalFixture.terminal());
    TransactionPorts ports =
        new TransactionPorts(
            terminals,
            journaled(Payments.class, payments),
            new InMemoryRefunds(),
            journaled(TerminalLeases.class, leases),
            channel,
            uow,
            e -> {
              journal.add("publish " + e.type() + " in #" + uow.current());
              events.publish(e);
            },
            new io.ecrhub.domain.terminal.TerminalHealth(
                terminals, uow, clock, io.ecrhub.domain.terminal.TerminalHealth.StatusChanges.NONE),
            NotificationTrail.UNAVAILABLE);
    service =
        new PaymentService(
            ports,
            clock,
            new SequenceIds(""),
            Harness.INSTANCE,
            TransactionSettings.defaults(),
            Runnable::run);
  }

  @Test
  void leaseAndPaymentAreWrittenInOneUnitOfWork_beforeTheTerminalIsCalled() {
    Payment p = service.start(pay("10.50", Channel.WX));

    assertThat(journal)
        .containsExactly(
            "tryAcquire in #1",
            "save in #1",
            "publish payment.pending in #1",
            "publish payment.in_progress in #1");
    assertThat(uow.outermost()).as("units of work before the answer").isEqualTo(1);
    assertThat(leases.current(TerminalFixture.DEFAULT_ID, clock.instant()))
        .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("hub-a:" + p.id()));
    assertThat(channel.last(Pay.class).insideTransaction()).isFalse();
  }

  /** The answer is applied to the payment as it was sent: saved without reading it again. */
  @Test
  void answer_isRecordedAndTheLeaseFreedInOneUnitOfWork_withoutASeparateRelease() {
    Payment p = service.start(pay("10.50", Channel.WX));
    journal.clear();

    channel.release(
        Pay.class, new TerminalOutcome.Approved(Harness.approvedReport("s1", null, null)));

    assertThat(payments.findById(p.id()).orElseThrow().status())
        .isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(journal)
        .containsExactly("release in #2", "save in #2", "publish payment.succeeded in #2");
    assertThat(leases.current(TerminalFixture.DEFAULT_ID, clock.instant())).isEmpty();
  }

  @Test
  void busyTerminal_writesNothingAndSendsNothing() {
    service.start(pay("10.50", Channel.WX));
    journal.clear();

    assertThatThrownBy(() -> service.start(pay("20.00", Channel.ALIPAY)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_BUSY");
    assertThat(journal).containsExactly("tryAcquire in #2");
    assertThat(channel.count(Pay.class)).isEqualTo(1);
    assertThat(events.about("pay_2")).isEmpty();
  }

  @Test
  void failingSave_freesTheLeaseAndSendsNothing() {
    failSave = new IllegalStateException("database gone");

    assertThatThrownBy(() -> service.start(pay("10.50", Channel.WX))).isSameAs(failSave);

    assertThat(leases.current(TerminalFixture.DEFAULT_ID, clock.instant())).isEmpty();
    assertThat(channel.count(Pay.class)).isZero();
  }

  @Test
  void disabledTerminal_isRefusedWithoutTakingTheLease() {
    var t = terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
    t.disable(clock.instant());
    terminals.save(t);

    assertThatThrownBy(() -> service.start(pay("10.50", Channel.WX)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_DISABLED");
    assertThat(journal).noneMatch(s -> s.startsWith("tryAcquire"));
    assertThat(channel.count(Pay.class)).isZero();
  }

  /** Journals each call of the writing/reading methods named in the test's expectations. */
  @SuppressWarnings("unchecked")
  private <T> T journaled(Class<T> port, T target) {
    InvocationHandler h =
        (proxy, method, args) -> {
          String name = method.getName();
          if (List.of("tryAcquire", "release", "save", "findById").contains(name)) {
            journal.add(name + " in #" + uow.current());
          }
          if (name.equals("save") && failSave != null) {
            throw failSave;
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, h);
  }

  /** Numbers the outermost units of work; nested ones join the running one. */
  private static final class JournalingUnitOfWork implements UnitOfWork {
    private int outermost;
    private int depth;

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
      if (depth++ == 0) {
        outermost++;
      }
      try {
        return work.get();
      } finally {
        depth--;
      }
    }

    synchronized int outermost() {
      return outermost;
    }

    synchronized String current() {
      return depth == 0 ? "none" : Integer.toString(outermost);
    }
  }
}
