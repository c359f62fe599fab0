package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What QFPay's cloud said about a query or a refund. The distinction that matters most, as for
 * terminals: {@link NotSent} means the request provably never reached QFPay (or QFPay refused to
 * look at it, as with HTTP 429); {@link OutcomeUnknown} means it may have been processed, and the
 * refund must be settled by query, never re-sent.
 */
public sealed interface CloudOutcome {

  /** {@code 0000}: the transaction succeeded; for a refund, {@code record} is the refund. */
  record Settled(CloudRecord record) implements CloudOutcome {
    public Settled {
      Objects.requireNonNull(record, "record");
    }
  }

  /** {@code 1143}/{@code 1145} (and {@code 1298}): not final yet, keep querying. */
  record Pending(String respcd, CloudRecord record) implements CloudOutcome {}

  /** QFPay settled the transaction as failed, or refused the request with this code. */
  record Failed(String respcd, String message) implements CloudOutcome, PushOutcome {}

  /**
   * A refusal the hub explains to its callers ({@link RefusalReason}); nothing happened.
   *
   * @param retryAt for {@link RefusalReason#REFUND_WINDOW_CLOSED}: when refunds reopen, else null
   */
  record Refused(RefusalReason reason, String message, Instant retryAt)
      implements CloudOutcome, PushOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }

    public String respcd() {
      return reason.respcd();
    }
  }

  /** QFPay's record contradicts ours: the amount differs. Flag it for review. */
  record Mismatch(CloudRecord record, Money expected) implements CloudOutcome {}

  /** The request never reached QFPay, or QFPay refused to process it (rate limit). */
  record NotSent(String reason) implements CloudOutcome, PushOutcome {}

  /** The request may have reached QFPay and no complete, understood answer came back. */
  record OutcomeUnknown(String reason) implements CloudOutcome, PushOutcome {}
}
