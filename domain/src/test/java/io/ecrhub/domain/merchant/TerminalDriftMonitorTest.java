package io.ecrhub.domain.merchant;

import static io.ecrhub.domain.merchant.MerchantFakes.key;
import static io.ecrhub.domain.merchant.MerchantFakes.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.MerchantFakes.InMemoryAudit;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryTerminals;
import io.ecrhub.domain.merchant.MerchantFakes.RollbackUnitOfWork;
import io.ecrhub.domain.terminal.TerminalDriftMonitor;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TerminalDriftMonitorTest {
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryAudit audit = new InMemoryAudit();
  private final TerminalHealth health =
      new TerminalHealth(
          terminals,
          new RollbackUnitOfWork(terminals),
          Clock.fixed(MerchantFakes.T0, ZoneOffset.UTC),
          new DriftAudit(audit, MerchantFakes.sequentialIds()));
  private final TerminalDriftMonitor monitor = new TerminalDriftMonitor(health);
  private final TerminalId id = TerminalId.of("till-a");

  @Test
  void keyMismatch_setsStatusWithFix_andAuditsOnce() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    TerminalOutcome o = new TerminalOutcome.KeyMismatch("4003", "Request Denied");

    monitor.outcome(id, o);
    monitor.outcome(id, o);

    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(terminals.get("till-a").statusDetail()).get().asString().contains("Fix:");
    assertThat(audit.withAction(AuditAction.DRIFT)).hasSize(1);
  }

  @Test
  void healthyAnswer_afterDrift_setsOnline() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    monitor.outcome(id, new TerminalOutcome.LoggedOut("logged out"));
    monitor.outcome(id, new TerminalOutcome.NotFound("none", "6002"));
    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.ONLINE);
  }

  @Test
  void disabledTerminal_keepsItsStatus() {
    var t = terminal("till-a", "SN-A", "10.0.0.10", key('a'));
    t.disable(MerchantFakes.T0);
    terminals.save(t);
    assertThat(monitor.tlsProbe(id, false)).isEmpty();
    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.DISABLED);
  }

  @Test
  void keyMismatch_seenByAPaymentOrByDiagnostics_givesTheSameStatusAndFix() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    terminals.save(terminal("till-b", "SN-B", "10.0.0.11", key('b')));
    TerminalOutcome o = new TerminalOutcome.KeyMismatch("4003", "Request Denied");
    TerminalHealth paymentPath =
        new TerminalHealth(
            terminals,
            new RollbackUnitOfWork(terminals),
            Clock.fixed(MerchantFakes.T0, ZoneOffset.UTC),
            TerminalHealth.StatusChanges.NONE);

    paymentPath.record(TerminalId.of("till-a"), o);
    monitor.outcome(TerminalId.of("till-b"), o);

    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(terminals.get("till-a").statusDetail())
        .isEqualTo(terminals.get("till-b").statusDetail())
        .get()
        .asString()
        .contains("respcd 4003")
        .contains("re-login the Haojin app");
  }

  @Test
  void driftSeenFirstByAPayment_isAuditedOnce_andNotAgainByDiagnostics() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    TerminalOutcome o = new TerminalOutcome.KeyMismatch("5001", "decrypt failed");
    TerminalHealth paymentPath = health; // the one instance the application wires

    paymentPath.record(id, o);
    monitor.outcome(id, o);
    paymentPath.record(id, o);

    assertThat(audit.withAction(AuditAction.DRIFT)).hasSize(1);
    assertThat(audit.withAction(AuditAction.DRIFT).get(0).detail()).contains("KEY_MISMATCH");
  }
}
