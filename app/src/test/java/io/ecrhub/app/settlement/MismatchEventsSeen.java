package io.ecrhub.app.settlement;

import io.ecrhub.domain.settlement.SettlementMismatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test observer: every {@code report.settlement_mismatch} the hub fired after its commit. */
@ApplicationScoped
public class MismatchEventsSeen {
  private final List<SettlementMismatch> seen = new CopyOnWriteArrayList<>();

  void on(@Observes SettlementMismatch e) {
    seen.add(e);
  }

  public List<SettlementMismatch> seen() {
    return List.copyOf(seen);
  }
}
