package io.ecrhub.ecr.serial;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The POS (terminal) side of the USB-serial link, for the simulator and tests: receives request
 * messages (joining fragments), acknowledges each with {@code 0x20} and the same reference (or
 * {@code 0x35} when fragments cannot be joined, {@code 0x34} for an empty request), hands the data
 * to the handler, sends the handler's result as a new {@code 0x10} message (split into 1024-byte
 * fragments) with its own reference, and waits for the ECR's acknowledgement of it.
 */
public final class SerialTerminalEndpoint implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SerialTerminalEndpoint.class.getName());

  /** What happened to a result the endpoint sent; for the simulator's diagnostics and tests. */
  public interface Listener {
    /** The ECR acknowledged the result sent with {@code reference}. */
    default void resultAcknowledged(int reference) {}

    /** No acknowledgement for the result sent with {@code reference} within the ack timeout. */
    default void resultNotAcknowledged(int reference) {}
  }

  private final UsbLink link;
  private final Function<byte[], CompletableFuture<byte[]>> handler;
  private final Duration ackTimeout;
  private final Listener listener;
  private final UsbFragmenter.References references = new UsbFragmenter.References();
  private final Map<Integer, CompletableFuture<Void>> awaitingAck = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("usb-terminal-timers").unstarted(r));

  private SerialTerminalEndpoint(
      String path,
      Function<byte[], CompletableFuture<byte[]>> handler,
      Duration ackTimeout,
      Listener listener)
      throws IOException {
    this.handler = handler;
    this.ackTimeout = ackTimeout;
    this.listener = listener;
    try {
      this.link = UsbLink.open(path, this::onInbound, msg -> LOG.log(Level.WARNING, msg));
    } catch (IOException e) {
      timers.shutdownNow();
      throw e;
    }
    link.start();
  }

  /** Serves {@code path} with {@code handler}; the doc's 1000 ms acknowledgement timeout. */
  public static SerialTerminalEndpoint open(
      String path, Function<byte[], CompletableFuture<byte[]>> handler) throws IOException {
    return open(path, handler, Duration.ofMillis(1000), new Listener() {});
  }

  public static SerialTerminalEndpoint open(
      String path,
      Function<byte[], CompletableFuture<byte[]>> handler,
      Duration ackTimeout,
      Listener listener)
      throws IOException {
    return new SerialTerminalEndpoint(path, handler, ackTimeout, listener);
  }

  private void onInbound(UsbInbound in) {
    switch (in) {
      case UsbInbound.ReassemblyFailed f ->
          link.sendQuietly(UsbFrame.signal(UsbPacketType.SPLIT_ERROR, f.reference()));
      case UsbInbound.Message m when m.type() == UsbPacketType.REQUEST -> onRequest(m);
      case UsbInbound.Message m when m.type() == UsbPacketType.ACK -> {
        CompletableFuture<Void> f = awaitingAck.remove(m.reference());
        if (f != null) {
          f.complete(null);
        }
      }
      case UsbInbound.Message m ->
          LOG.log(Level.WARNING, "ECR answered result ref {0} with {1}", m.reference(), m.type());
    }
  }

  private void onRequest(UsbInbound.Message m) {
    byte[] data = m.data();
    if (data.length == 0) {
      link.sendQuietly(UsbFrame.signal(UsbPacketType.DATA_FORMAT_ERROR, m.reference()));
      return;
    }
    link.sendQuietly(UsbFrame.signal(UsbPacketType.ACK, m.reference()));
    CompletableFuture<byte[]> result;
    try {
      result = handler.apply(data);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (bytes, error) -> {
          if (error != null || bytes == null) {
            LOG.log(Level.WARNING, "handler produced no result for request ref {0}", m.reference());
          } else {
            sendResult(bytes);
          }
        });
  }

  private void sendResult(byte[] bytes) {
    int ref = references.next();
    CompletableFuture<Void> acked = new CompletableFuture<>();
    awaitingAck.put(ref, acked);
    List<UsbFrame> frames =
        UsbFragmenter.split(UsbPacketType.REQUEST, ref, bytes, UsbFrame.RECOMMENDED_FRAGMENT);
    try {
      link.send(frames);
    } catch (UsbLink.PartialWriteException e) {
      awaitingAck.remove(ref);
      LOG.log(Level.WARNING, "could not send result ref {0}: {1}", ref, e.getMessage());
      listener.resultNotAcknowledged(ref);
      return;
    }
    int wire = frames.stream().mapToInt(UsbFrame::wireLength).sum();
    long waitNanos = ackTimeout.plus(UsbLink.wireTime(wire)).toNanos();
    timers.schedule(
        () -> {
          if (awaitingAck.remove(ref) != null) {
            acked.completeExceptionally(new IOException("no acknowledgement"));
          }
        },
        waitNanos,
        TimeUnit.NANOSECONDS);
    acked.whenComplete(
        (v, error) -> {
          if (error == null) {
            listener.resultAcknowledged(ref);
          } else {
            LOG.log(Level.WARNING, "ECR did not acknowledge result ref {0}", ref);
            listener.resultNotAcknowledged(ref);
          }
        });
  }

  @Override
  public void close() {
    link.close();
    timers.shutdownNow();
  }
}
