package io.ecrhub.ecr.transport;

/** What became of one request on a connection, in transport terms (the channel classifies it). */
public sealed interface ExchangeResult {

  /**
   * A complete answer.
   *
   * @param httpStatus the HTTP status, or -1 on raw TCP
   * @param reusable the connection may carry another request (HTTP keep-alive)
   */
  record Answer(int httpStatus, byte[] body, boolean reusable) implements ExchangeResult {}

  /**
   * The request may have left and no complete answer came (timeout, reset, close mid-response).
   *
   * @param anythingRead whether any byte came back for this request (a stale pooled connection
   *     reads nothing)
   * @param timedOut the read timeout expired (the peer kept the connection open: not stale)
   */
  record Lost(String detail, boolean anythingRead, boolean timedOut) implements ExchangeResult {
    /** A stale keep-alive connection: it failed, and not one byte came back. */
    public boolean looksStale() {
      return !anythingRead && !timedOut;
    }
  }

  /** The connection was already closed when the request was to be written: nothing left. */
  record Unsent(String detail) implements ExchangeResult {}

  /** A complete answer larger than the configured bound; its content was not kept. */
  record Oversize(String detail) implements ExchangeResult {}
}
