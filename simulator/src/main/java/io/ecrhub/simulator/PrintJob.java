package io.ecrhub.simulator;

import java.time.Instant;

/**
 * A print the terminal performed: a receipt (3001) for {@code syssn}, or the summary (3002, syssn
 * null).
 */
public record PrintJob(Kind kind, String syssn, Instant at) {
  /** Receipt of one transaction, or the transaction summary. */
  public enum Kind {
    RECEIPT,
    SUMMARY
  }
}
