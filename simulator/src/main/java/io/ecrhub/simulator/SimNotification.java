package io.ecrhub.simulator;

import java.net.URI;
import java.util.List;

/**
 * One notification QFPay's stand-in sent, with every delivery attempt so far.
 *
 * @param notifyType {@code payment}, {@code refund} or {@code cancel}
 * @param syssn the payment's or the refund's own syssn
 * @param body the exact raw body (Python {@code json.dumps} spacing)
 * @param signature the {@code X-QF-SIGN} header sent
 * @param delivered true once an attempt got HTTP 200 with body {@code SUCCESS}
 * @param exhausted true when every retry failed (or the simulator closed first)
 */
public record SimNotification(
    String terminalId,
    String notifyType,
    String syssn,
    URI target,
    String body,
    String signature,
    List<DeliveryAttempt> attempts,
    boolean delivered,
    boolean exhausted) {

  public SimNotification {
    attempts = List.copyOf(attempts);
  }

  /** One POST of a notification. */
  public record DeliveryAttempt(
      int number, java.time.Instant at, int httpStatus, String responseBody, String error) {
    /** True when this attempt was acknowledged (HTTP 200, body SUCCESS). */
    public boolean acknowledged() {
      return httpStatus == 200 && responseBody != null && responseBody.trim().equals("SUCCESS");
    }
  }
}
