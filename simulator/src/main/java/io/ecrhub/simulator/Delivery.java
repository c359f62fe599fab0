package io.ecrhub.simulator;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The mutable state of one notification being delivered; {@link #snapshot()} for readers. */
final class Delivery {
  private static final int MAX_BODY_KEPT = 200;

  private final String terminalId;
  private final String type;
  private final String syssn;
  private final URI target;
  private final String body;
  private final String signature;
  private final Clock clock;
  private final List<SimNotification.DeliveryAttempt> attempts = new ArrayList<>();
  private boolean delivered;
  private boolean exhausted;

  Delivery(
      String terminalId,
      String type,
      String syssn,
      URI target,
      String body,
      String signature,
      Clock clock) {
    this.terminalId = terminalId;
    this.type = type;
    this.syssn = syssn;
    this.target = target;
    this.body = body;
    this.signature = signature;
    this.clock = clock;
  }

  URI target() {
    return target;
  }

  String body() {
    return body;
  }

  String signature() {
    return signature;
  }

  /** Records an attempt; returns its number (1 for the first). */
  synchronized int record(int status, String responseBody, String error) {
    String kept =
        responseBody == null || responseBody.length() <= MAX_BODY_KEPT
            ? responseBody
            : responseBody.substring(0, MAX_BODY_KEPT);
    attempts.add(
        new SimNotification.DeliveryAttempt(
            attempts.size() + 1, clock.instant(), status, kept, error));
    return attempts.size();
  }

  synchronized void markDelivered() {
    delivered = true;
  }

  synchronized void markExhausted() {
    exhausted = true;
  }

  synchronized SimNotification snapshot() {
    return new SimNotification(
        terminalId, type, syssn, target, body, signature, attempts, delivered, exhausted);
  }
}
