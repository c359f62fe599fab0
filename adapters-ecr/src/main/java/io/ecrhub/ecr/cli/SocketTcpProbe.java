package io.ecrhub.ecr.cli;

import io.ecrhub.domain.diagnostics.TcpObservation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** A bare TCP connect with a timeout, for the doctor's reachability checks. */
final class SocketTcpProbe {
  private SocketTcpProbe() {}

  static TcpObservation connect(String host, int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return TcpObservation.ok(host, port);
    } catch (SocketTimeoutException e) {
      return TcpObservation.failed(
          host, port, "connect timed out after " + timeout.toMillis() + " ms");
    } catch (UnknownHostException e) {
      return TcpObservation.failed(host, port, "unknown host");
    } catch (ConnectException e) {
      return TcpObservation.failed(host, port, "connection refused");
    } catch (NoRouteToHostException e) {
      return TcpObservation.failed(host, port, "no route to host");
    } catch (IOException | IllegalArgumentException e) {
      return TcpObservation.failed(
          host,
          port,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }
}
