package io.ecrhub.domain.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.MerchantFakes.InMemoryAudit;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryHeldSyncs;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryMmsSettings;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalDriftMonitor;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOperations;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.testing.DirectUnitOfWork;
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
import io.ecrhub.domain.transaction.PaymentService;
import io.ecrhub.domain.transaction.StartPayment;
import io.ecrhub.domain.transaction.TransactionPorts;
import io.ecrhub.domain.transaction.TransactionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One {@link TerminalHealth}, wired as the application wires it, serves every path that changes a
 * terminal's status: a payment's answer, a diagnostics signal (drift monitor), a print's answer and
 * a configuration re-synced from MMS. Each change reaches the same listener once, and each change
 * into a problem is audited as drift the same way whichever path saw it.
 */
class OneTerminalHealthTest {
  private static final TerminalId PAYMENT = TerminalId.of("till-pay");
  private static final TerminalId MONITOR = TerminalId.of("till-mon");
  private static final TerminalId PRINT = TerminalId.of("till-print");
  private static final TerminalId MMS = TerminalId.of("till-mms");

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final DirectUnitOfWork uow = new DirectUnitOfWork();
  private final ScriptedTerminalChannel channel = new ScriptedTerminalChannel();
  private final InMemoryTerminalLeases leases = new InMemoryTerminalLeases();
  private final InMemoryAudit audit = new InMemoryAudit();
  private final List<String> heard = new ArrayList<>();
  private final DriftAudit drift = new DriftAudit(audit, new SequenceIds("a"));

  /** The one instance: the drift audit plus a recorder of every change it reports. */
  private final TerminalHealth health =
      new TerminalHealth(
          terminals,
          uow,
          clock,
          (t, from, seen, at) -> {
            heard.add(t.id().value() + " " + from + "->" + seen.status());
            drift.changed(t, from, seen, at);
          });

  OneTerminalHealthTest() {
    terminals.save(TerminalFixture.terminal(PAYMENT.value()));
    terminals.save(TerminalFixture.terminal(MONITOR.value()));
    terminals.save(TerminalFixture.terminal(PRINT.value()));
    var mms = TerminalFixture.builder(MMS).deviceId("SN-MMS").build();
    mms.observe(TerminalStatus.KEY_MISMATCH, "4003", clock.instant());
    terminals.save(mms);
  }

  @Test
  void everyPath_reportsItsStatusChangeToTheOneListener_andAuditsDriftTheSameWay() {
    paymentAnswered(new TerminalOutcome.KeyMismatch("4003", "request denied"));
    new TerminalDriftMonitor(health).outcome(MONITOR, new TerminalOutcome.LoggedOut("logged out"));
    print(new TerminalOutcome.KeyMismatch("5001", "decrypt failed"));
    mmsTogglesEncryption();

    assertThat(heard)
        .containsExactlyInAnyOrder(
            "till-pay NEW->KEY_MISMATCH",
            "till-mon NEW->LOGGED_OUT",
            "till-print NEW->KEY_MISMATCH",
            "till-mms KEY_MISMATCH->NEW");
    assertThat(audit.withAction(AuditAction.DRIFT))
        .extracting(e -> e.terminalId().value() + " " + e.detail().substring(0, 12))
        .containsExactlyInAnyOrder(
            "till-pay KEY_MISMATCH", "till-mon LOGGED_OUT: ", "till-print KEY_MISMATCH");
    assertThat(terminals.findById(MMS).orElseThrow().status()).isEqualTo(TerminalStatus.NEW);
  }

  @Test
  void aRepeatedSignal_isReportedOnce_whicheverPathRepeatsIt() {
    paymentAnswered(new TerminalOutcome.LoggedOut("logged out"));
    new TerminalDriftMonitor(health).outcome(PAYMENT, new TerminalOutcome.LoggedOut("again"));

    assertThat(heard).containsExactly("till-pay NEW->LOGGED_OUT");
    assertThat(audit.withAction(AuditAction.DRIFT)).hasSize(1);
  }

  private void paymentAnswered(TerminalOutcome answer) {
    TransactionPorts ports =
        new TransactionPorts(
            terminals,
            new InMemoryPayments(),
            new InMemoryRefunds(),
            leases,
            channel,
            uow,
            new RecordingEventPublisher(),
            health,
            new InMemoryNotificationInbox());
    PaymentService payments =
        new PaymentService(
            ports,
            clock,
            new SequenceIds("p"),
            "hub-a",
            TransactionSettings.defaults(),
            Runnable::run);
    payments.start(
        new StartPayment.Command(PAYMENT, TestMoney.hkd("10.50"), Channel.WX, null, null));
    channel.release(TerminalCommand.Pay.class, answer);
  }

  private void print(TerminalOutcome answer) {
    channel.reply(TerminalCommand.PrintSummary.class, answer);
    new TerminalOperations(
            terminals,
            leases,
            channel,
            uow,
            clock,
            health,
            Duration.ofSeconds(5),
            Duration.ofSeconds(15))
        .printSummary(PRINT);
  }

  private void mmsTogglesEncryption() {
    var row =
        new DeviceConfig("SN-MMS", null, TerminalFixture.testPosKey(), true, false, "127.0.0.1");
    new MerchantConfigSync(
            terminals,
            new InMemoryHeldSyncs(),
            new InMemoryMmsSettings(),
            audit,
            uow,
            clock,
            new SequenceIds("s"),
            health,
            SyncPolicy.automatic(Set.of()))
        .sync(source(row), "alice");
  }

  private static MerchantConfigSource source(DeviceConfig row) {
    return new MerchantConfigSource() {
      @Override
      public String name() {
        return "csv:test";
      }

      @Override
      public ConfigSnapshot fetch() {
        return new ConfigSnapshot(name(), List.of(row), List.of());
      }
    };
  }
}
