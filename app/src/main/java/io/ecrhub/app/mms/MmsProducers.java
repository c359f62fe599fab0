package io.ecrhub.app.mms;

import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.RecordTerminalSignal;
import io.ecrhub.domain.merchant.TerminalDriftMonitor;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminals;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the drift monitor: live signals become terminal statuses with their fix. */
public class MmsProducers {
  @Produces
  @Singleton
  RecordTerminalSignal driftMonitor(
      Terminals terminals, ConfigAudit audit, UnitOfWork uow, Clock clock, IdGenerator ids) {
    return new TerminalDriftMonitor(terminals, audit, uow, clock, ids);
  }
}
