package io.ecrhub.app.events;

/**
 * Port: tells this instance, soon after the commit, that another instance has written events to the
 * {@link TransactionEventLog} (PostgreSQL {@code LISTEN/NOTIFY}, ADR 0025). Where the database
 * cannot (H2), it never signals and {@link #live()} stays false: the reader polls the log then.
 */
public interface EventLogSignals {
  /**
   * Starts listening; {@code onOtherCommit} runs (on the listener's thread: it must only hand off)
   * after another instance committed events, and once whenever listening (re)starts, since
   * something may have been missed while it was not.
   */
  void start(Runnable onOtherCommit);

  /** Whether signals arrive now; while false the reader must poll the log often. */
  boolean live();

  /** Stops listening and frees the connection. */
  void stop();
}
