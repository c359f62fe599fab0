package io.ecrhub.ecr.channel;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted terminal speaking the USB link framing (protocol doc §2.3) on raw TCP, on 127.0.0.1
 * (ephemeral port), one script run per connection. Frames are read and written by hand here, not
 * with the production codec, so the channel's wire format is checked against an independent reading
 * of the layout. Records every frame it received.
 */
final class UsbFramedTerminal implements AutoCloseable {
  static final int REQUEST = 0x10;
  static final int ACK = 0x20;

  /** One frame as read off the wire. */
  record Frame(int version, int type, int reference, int totalDataLength, byte[] data) {
    @Override
    public String toString() {
      return String.format(
          "Frame[0x%02X ref=%d %d/%d]", type, reference, data.length, totalDataLength);
    }
  }

  /** What the terminal does on one connection. */
  interface Script {
    void serve(Session s) throws Exception;
  }

  private final ServerSocket server;
  private final Script script;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Frame> received = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private UsbFramedTerminal(ServerSocket server, Script script) {
    this.server = server;
    this.script = script;
    threads.execute(this::acceptLoop);
  }

  static UsbFramedTerminal start(Script script) throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new UsbFramedTerminal(s, script);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every frame received, in order, across connections. */
  List<Frame> received() {
    return List.copyOf(received);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        threads.execute(
            () -> {
              try (s) {
                s.setSoTimeout(30_000);
                script.serve(new Session(s));
              } catch (Exception e) {
                // the hub went away, or the test is over
              } finally {
                sockets.remove(s);
              }
            });
      } catch (IOException e) {
        return;
      }
    }
  }

  /** One connection. */
  final class Session {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** The next frame, or null at end of stream. */
    Frame next() throws IOException {
      byte[] header = new byte[9];
      try {
        in.readFully(header);
      } catch (EOFException e) {
        return null;
      }
      if (header[0] != 0x2F || header[1] != 0x6E) {
        throw new IOException("no start indicator: " + Arrays.toString(header));
      }
      int total = (header[5] & 0xFF) << 8 | header[6] & 0xFF;
      int dataLength = (header[7] & 0xFF) << 8 | header[8] & 0xFF;
      byte[] rest = new byte[total - 9];
      in.readFully(rest);
      if (rest[rest.length - 2] != 0x2F || rest[rest.length - 1] != 0x6E) {
        throw new IOException("no end indicator at the declared length");
      }
      Frame f =
          new Frame(
              header[2] & 0xFF,
              header[3] & 0xFF,
              header[4] & 0xFF,
              dataLength,
              Arrays.copyOf(rest, rest.length - 2));
      received.add(f);
      return f;
    }

    /** Reads request frames until their data adds up to the declared total; the joined data. */
    Frame request() throws IOException {
      Frame first = next();
      if (first == null || first.type() != REQUEST) {
        throw new IOException("expected a request frame, got " + first);
      }
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      data.writeBytes(first.data());
      while (data.size() < first.totalDataLength()) {
        data.writeBytes(next().data());
      }
      return new Frame(1, REQUEST, first.reference(), data.size(), data.toByteArray());
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Nothing more until the hub closes the connection. */
    void awaitClose() throws IOException {
      while (next() != null) {
        // keep reading (and recording) until end of stream
      }
    }

    void close() throws IOException {
      socket.close();
    }
  }

  /** One frame in the §2.3 layout: {@code 2F6E 01 type ref total(2) dataLength(2) data 2F6E}. */
  static byte[] frame(int type, int reference, int totalDataLength, byte[] data) {
    int total = data.length + 11;
    ByteArrayOutputStream b = new ByteArrayOutputStream(total);
    b.writeBytes(new byte[] {0x2F, 0x6E, 0x01, (byte) type, (byte) reference});
    b.writeBytes(new byte[] {(byte) (total >> 8), (byte) total});
    b.writeBytes(new byte[] {(byte) (totalDataLength >> 8), (byte) totalDataLength});
    b.writeBytes(data);
    b.writeBytes(new byte[] {0x2F, 0x6E});
    return b.toByteArray();
  }

  /** An empty signal frame (acknowledgement or error). */
  static byte[] signal(int type, int reference) {
    return frame(type, reference, 0, new byte[0]);
  }

  /** {@code data} as {@code 0x10} fragments of at most {@code fragment} bytes. */
  static byte[] message(int reference, byte[] data, int fragment) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += fragment) {
      byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + fragment));
      b.writeBytes(frame(REQUEST, reference, data.length, part));
    }
    return b.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
  }
}
