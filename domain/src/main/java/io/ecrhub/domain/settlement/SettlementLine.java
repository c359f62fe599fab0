package io.ecrhub.domain.settlement;

import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the statement: a transaction as the hub has it, as QFPay has it, and how they
 * compare. Hub fields are null when only QFPay has it; cloud fields are null when only the hub has
 * it.
 *
 * @param kind payment or refund (the hub's, else QFPay's {@code order_type})
 * @param hubId the hub's payment or refund id
 * @param hubStatus the hub's status (e.g. SUCCEEDED, UNKNOWN)
 * @param cloudRespcd QFPay's transaction status code ({@code 0000} = succeeded)
 * @param at the hub's time when it has the transaction, else QFPay's
 */
public record SettlementLine(
    Outcome outcome,
    HubEntry.Kind kind,
    String hubId,
    String terminalId,
    String outTradeNo,
    String syssn,
    String hubStatus,
    Money hubAmount,
    String cloudRespcd,
    Money cloudAmount,
    Instant at) {

  /** How the two records compare. */
  public enum Outcome {
    /** Both settled it, for the same amount. */
    MATCHED,
    /** Both settled it, for different amounts (or currencies). */
    AMOUNT_DIFFERS,
    /** QFPay settled it; the hub has no such transaction or did not settle it. */
    ONLY_AT_QFPAY,
    /** The hub settled it; QFPay has no such transaction or did not settle it. */
    ONLY_IN_HUB
  }

  public SettlementLine {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }
}
