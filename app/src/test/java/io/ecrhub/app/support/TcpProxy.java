package io.ecrhub.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP proxy on 127.0.0.1 (ephemeral port) in front of one target, for outage tests: {@link
 * #cut()} closes every open connection and stops listening (new connections are refused), {@link
 * #restore()} listens again on the same port. Blocking sockets, two daemon threads per connection.
 *
 * <p>{@link #openControlPort()} lets code in another class loader (Quarkus loads test classes more
 * than once) drive the same proxy with {@link #command(int, String)}.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tcp-proxy");
            t.setDaemon(true);
            return t;
          });
  private ServerSocket server;
  private ServerSocket control;
  private boolean closed;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = listen(0);
    this.port = server.getLocalPort();
    acceptOn(server);
  }

  /** Starts a proxy to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    try {
      return new TcpProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the TCP proxy", e);
    }
  }

  /** The local port clients connect to. */
  public int port() {
    return port;
  }

  /** How many client connections were accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** The outage: every open connection is closed, and new ones are refused until restored. */
  public synchronized void cut() {
    if (server != null) {
      closeQuietly(server);
      server = null;
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Ends the outage: listens again on the same port. */
  public synchronized void restore() {
    if (closed || server != null) {
      return;
    }
    try {
      server = listen(port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen again on port " + port, e);
    }
    acceptOn(server);
  }

  /**
   * Accepts one-line commands ({@code cut}, {@code restore}) on another local port, answering
   * {@code ok} once done.
   *
   * @return the control port
   */
  public synchronized int openControlPort() {
    if (control == null) {
      try {
        control = listen(0);
      } catch (IOException e) {
        throw new IllegalStateException("cannot open the control port", e);
      }
      ServerSocket listening = control;
      threads.execute(
          () -> {
            while (!listening.isClosed()) {
              try (Socket s = listening.accept()) {
                var in =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                String cmd = in.readLine();
                if ("cut".equals(cmd)) {
                  cut();
                } else if ("restore".equals(cmd)) {
                  restore();
                }
                s.getOutputStream()
                    .write("ok\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
              } catch (IOException e) {
                // closed, or a client that went away
              }
            }
          });
    }
    return control.getLocalPort();
  }

  /** Sends {@code cut} or {@code restore} to the proxy behind {@code controlPort}; waits for it. */
  public static void command(int controlPort, String command) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
      s.setSoTimeout(30_000);
      s.getOutputStream()
          .write((command + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      if (s.getInputStream().read() < 0) {
        throw new IllegalStateException("the proxy did not confirm " + command);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the proxy's control port", e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (control != null) {
      closeQuietly(control);
    }
    cut();
    threads.shutdownNow();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return s;
  }

  private void acceptOn(ServerSocket listening) {
    threads.execute(
        () -> {
          while (!listening.isClosed()) {
            Socket client;
            try {
              client = listening.accept();
            } catch (IOException e) {
              return; // cut or closed
            }
            accepted.incrementAndGet();
            connect(client, listening);
          }
        });
  }

  private void connect(Socket client, ServerSocket from) {
    Socket upstream = new Socket();
    synchronized (this) {
      if (server != from) { // cut while accepting
        closeQuietly(client);
        return;
      }
      open.add(client);
      open.add(upstream);
    }
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      closeBoth(client, upstream);
      return;
    }
    threads.execute(() -> pump(client, upstream));
    threads.execute(() -> pump(upstream, client));
  }

  private void pump(Socket from, Socket to) {
    // Database protocols never half-close: the end of either direction ends the connection.
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // reset, or closed by cut()
    } finally {
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    open.remove(a);
    open.remove(b);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing is best effort
    }
  }
}
