package io.ecrhub.domain.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback address that silently drops connection attempts, as a switched-off terminal or a
 * firewall that drops packets does: no SYN-ACK and no RST, so only the connecting side's timeout
 * ends a connect.
 *
 * <p>How: a listener with a backlog of 1 that never accepts, whose accept queue is filled with
 * connections kept open; Linux then drops further SYNs (unless {@code
 * net.ipv4.tcp_abort_on_overflow} is set, which makes it refuse instead). {@link #open()} proves
 * the hole before returning it: it connects until one attempt times out, and fails loudly when the
 * kernel accepts or refuses instead, so a test never passes on a merely closed port.
 *
 * <p>JDK only (no domain type), kept here so the adapters' and the app's tests share one copy.
 */
public final class BlackHole implements AutoCloseable {
  /** Budget of each connect that fills the queue; loopback answers within microseconds. */
  private static final int FILL_TIMEOUT_MILLIS = 500;

  /** More than the queue of a backlog-1 listener holds on any Linux kernel. */
  private static final int MAX_FILLERS = 16;

  private final ServerSocket listener;
  private final List<Socket> fillers;

  private BlackHole(ServerSocket listener, List<Socket> fillers) {
    this.listener = listener;
    this.fillers = fillers;
  }

  /** Opens a proven black hole on 127.0.0.1. */
  public static BlackHole open() throws IOException {
    ServerSocket listener = new ServerSocket();
    List<Socket> fillers = new ArrayList<>();
    try {
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1);
      for (int i = 0; i < MAX_FILLERS; i++) {
        Socket s = new Socket();
        try {
          s.connect(listener.getLocalSocketAddress(), FILL_TIMEOUT_MILLIS);
          fillers.add(s);
        } catch (SocketTimeoutException dropped) {
          s.close();
          return new BlackHole(listener, fillers);
        } catch (ConnectException refused) {
          s.close();
          throw new IllegalStateException(
              "a full accept queue refuses connects here instead of dropping them"
                  + " (net.ipv4.tcp_abort_on_overflow=1?): no black hole on this machine",
              refused);
        }
      }
      throw new IllegalStateException(
          "the listener accepted "
              + MAX_FILLERS
              + " connects with a backlog of 1: no black hole on this machine");
    } catch (IOException | RuntimeException e) {
      closeQuietly(fillers, listener);
      throw e;
    }
  }

  /** The address to connect to: {@code 127.0.0.1}. */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** The port whose connects hang until the caller's timeout. */
  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    closeQuietly(fillers, listener);
  }

  private static void closeQuietly(List<Socket> fillers, ServerSocket listener) {
    for (Socket s : fillers) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a test socket; nothing to report
      }
    }
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing a test socket; nothing to report
    }
  }
}
