package io.ecrhub.domain.settlement;

import io.ecrhub.domain.shared.DomainEvent;
import java.time.Instant;

/**
 * Published when a stored statement run found anything that does not match: {@code
 * report.settlement_mismatch}, about the run ({@code aggregateId} = the run's id).
 */
public record SettlementMismatch(String aggregateId, Instant occurredAt) implements DomainEvent {
  public static final String TYPE = "report.settlement_mismatch";

  @Override
  public String type() {
    return TYPE;
  }
}
