package io.ecrhub.domain.testing;

import io.ecrhub.domain.settlement.SettlementRuns;

class InMemorySettlementRunsTest extends SettlementRunsContract {
  private final InMemorySettlementRuns runs = new InMemorySettlementRuns();

  @Override
  protected SettlementRuns runs() {
    return runs;
  }
}
