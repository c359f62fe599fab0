package io.ecrhub.domain.diagnostics;

/**
 * A TCP connect attempt.
 *
 * @param error why it failed (refused, timed out, no route...), null when it connected
 */
public record TcpObservation(String host, int port, boolean connected, String error) {
  public static TcpObservation ok(String host, int port) {
    return new TcpObservation(host, port, true, null);
  }

  public static TcpObservation failed(String host, int port, String error) {
    return new TcpObservation(host, port, false, error);
  }
}
