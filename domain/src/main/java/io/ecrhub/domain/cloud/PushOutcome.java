package io.ecrhub.domain.cloud;

/**
 * What became of a request pushed to a terminal through the ECR cloud (§11). A push is
 * asynchronous: {@link Pushed} only says QFPay accepted it; the result comes by notification or by
 * {@link EcrCloud#query}.
 */
public sealed interface PushOutcome
    permits PushOutcome.Pushed,
        CloudOutcome.Failed,
        CloudOutcome.Refused,
        CloudOutcome.NotSent,
        CloudOutcome.OutcomeUnknown {

  /** {@code 0000} "... push success": QFPay passed the request on to the terminal. */
  record Pushed(String message) implements PushOutcome {}
}
