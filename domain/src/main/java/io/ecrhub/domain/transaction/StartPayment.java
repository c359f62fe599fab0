package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalId;
import java.util.Objects;

/**
 * Use case: record a payment and start it on its terminal. Returns once the payment is committed as
 * IN_PROGRESS (or refused); the terminal's answer arrives later as state changes.
 */
public interface StartPayment {
  Payment start(Command command);

  /**
   * @param reference optional merchant reference (becomes part of out_trade_no)
   * @param idempotencyKey optional; the same key with the same body returns the same payment
   */
  record Command(
      TerminalId terminalId,
      Money amount,
      Channel channel,
      String reference,
      String idempotencyKey) {
    public Command {
      Objects.requireNonNull(terminalId, "terminalId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(channel, "channel");
      ValidationException.require(
          amount.isPositive(), "INVALID_AMOUNT", "amount", "amount must be greater than zero");
      if (reference != null) {
        ValidationException.require(
            reference.matches("[A-Za-z0-9_-]{1,32}"),
            "INVALID_REFERENCE",
            "reference",
            "reference must be 1-32 characters of A-Z, a-z, 0-9, _ or -");
      }
      if (idempotencyKey != null) {
        ValidationException.require(
            idempotencyKey.length() <= 128 && !idempotencyKey.isBlank(),
            "INVALID_IDEMPOTENCY_KEY",
            "Idempotency-Key",
            "Idempotency-Key must be 1-128 characters");
      }
    }

    /** Identity of the request body, compared when an idempotency key is reused. */
    public String fingerprint() {
      return terminalId
          + "|"
          + amount
          + "|"
          + channel.wire()
          + "|"
          + (reference == null ? "" : reference);
    }
  }
}
