package io.ecrhub.ecr.serial;

import io.ecrhub.ecr.channel.SerialExchange.SerialLinkException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The ECR side's state on one port: at most one outstanding request (see JSerialCommExchange). */
final class EcrSerialLink {
  private static final System.Logger LOG = System.getLogger(EcrSerialLink.class.getName());

  private final String path;
  private final ScheduledExecutorService timers;
  private final int maxFragment;
  private final Runnable onClosed;
  private final UsbFragmenter.References references = new UsbFragmenter.References();
  private UsbLink link;
  private Outstanding outstanding;

  EcrSerialLink(String path, ScheduledExecutorService timers, int maxFragment, Runnable onClosed) {
    this.path = path;
    this.timers = timers;
    this.maxFragment = maxFragment;
    this.onClosed = onClosed;
  }

  void open() throws IOException {
    UsbLink opened = UsbLink.open(path, this::onInbound, this::onPortFailure);
    synchronized (this) {
      link = opened;
    }
    opened.start();
  }

  synchronized boolean isOpen() {
    return link != null;
  }

  CompletableFuture<byte[]> exchange(byte[] data, Duration ackTimeout, Duration responseTimeout) {
    Outstanding o;
    UsbLink l;
    synchronized (this) {
      if (link == null) {
        return CompletableFuture.failedFuture(
            new SerialLinkException("serial port " + path + " is closed", false));
      }
      if (outstanding != null) {
        return CompletableFuture.failedFuture(
            new SerialLinkException(
                "another request is outstanding on " + path + "; nothing was sent", false));
      }
      o = new Outstanding(references.next(), responseTimeout);
      outstanding = o;
      l = link;
    }
    List<UsbFrame> frames =
        UsbFragmenter.split(UsbPacketType.REQUEST, o.reference, data, maxFragment);
    int bytes = frames.stream().mapToInt(UsbFrame::wireLength).sum();
    try {
      l.send(frames);
    } catch (UsbLink.PartialWriteException e) {
      finish(o, null, new SerialLinkException(e.getMessage(), e.attempted()));
      return o.future;
    }
    Duration ackWait = ackTimeout.plus(UsbLink.wireTime(bytes));
    synchronized (this) {
      if (outstanding == o && !o.acknowledged) {
        o.timer =
            schedule(
                o,
                ackWait,
                "no acknowledgement from the POS within "
                    + ackWait.toMillis()
                    + " ms; the request may have reached it");
      }
    }
    return o.future;
  }

  private ScheduledFuture<?> schedule(Outstanding o, Duration after, String message) {
    return timers.schedule(
        () -> {
          LOG.log(Level.WARNING, "serial request ref {0} on {1}: {2}", o.reference, path, message);
          if (finish(o, null, new SerialLinkException(message, true))) {
            UsbLink l = current();
            if (l != null) {
              l.resetReceiver();
            }
          }
        },
        after.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void onInbound(UsbInbound in) {
    UsbLink l = current();
    if (l == null) {
      return;
    }
    switch (in) {
      case UsbInbound.ReassemblyFailed f -> {
        LOG.log(
            Level.WARNING,
            "reassembly failed on {0} (ref {1}): {2}",
            path,
            f.reference(),
            f.reason());
        l.sendQuietly(UsbFrame.signal(UsbPacketType.SPLIT_ERROR, f.reference()));
      }
      case UsbInbound.Message m when m.type() == UsbPacketType.REQUEST -> {
        l.sendQuietly(UsbFrame.signal(UsbPacketType.ACK, m.reference()));
        Outstanding o = currentOutstanding();
        if (o == null || !finish(o, m.data(), null)) {
          LOG.log(
              Level.WARNING,
              "result (ref {0}, {1} bytes) from {2} arrived with no request outstanding; discarded"
                  + " after acknowledging it",
              m.reference(),
              m.data().length,
              path);
        }
      }
      case UsbInbound.Message m when m.type() == UsbPacketType.ACK -> onAck(m.reference());
      case UsbInbound.Message m -> onError(m.type(), m.reference());
    }
  }

  private void onAck(int reference) {
    Outstanding o;
    synchronized (this) {
      o = outstanding;
      if (o == null || o.reference != reference || o.acknowledged) {
        LOG.log(Level.DEBUG, "ignored acknowledgement ref {0} on {1}", reference, path);
        return;
      }
      o.acknowledged = true;
      if (o.timer != null) {
        o.timer.cancel(false);
      }
      o.timer =
          schedule(
              o,
              o.responseTimeout,
              "acknowledged, but no result within "
                  + o.responseTimeout.toMillis()
                  + " ms; the outcome is unknown");
    }
  }

  private void onError(UsbPacketType type, int reference) {
    Outstanding o = currentOutstanding();
    if (o != null && o.reference == reference && !o.acknowledged) {
      finish(
          o,
          null,
          new SerialLinkException(
              "the POS refused the request packet with " + type + "; it was not processed", false));
    } else {
      LOG.log(Level.WARNING, "error packet {0} ref {1} on {2} ignored", type, reference, path);
    }
  }

  private void onPortFailure(String message) {
    Outstanding o;
    synchronized (this) {
      link = null;
      o = outstanding;
    }
    if (o != null) {
      finish(
          o,
          null,
          new SerialLinkException(message + "; the request may have reached the POS", true));
    }
    onClosed.run();
  }

  /** Completes {@code o} once; true if this call completed it. */
  private boolean finish(Outstanding o, byte[] result, SerialLinkException failure) {
    synchronized (this) {
      if (outstanding != o) {
        return false;
      }
      outstanding = null;
      if (o.timer != null) {
        o.timer.cancel(false);
      }
    }
    return failure == null ? o.future.complete(result) : o.future.completeExceptionally(failure);
  }

  private synchronized UsbLink current() {
    return link;
  }

  private synchronized Outstanding currentOutstanding() {
    return outstanding;
  }

  void close() {
    UsbLink l;
    Outstanding o;
    synchronized (this) {
      l = link;
      link = null;
      o = outstanding;
    }
    if (l != null) {
      l.close();
    }
    if (o != null) {
      finish(
          o,
          null,
          new SerialLinkException(
              "serial port " + path + " closed while the request was outstanding", true));
    }
  }

  private static final class Outstanding {
    final int reference;
    final Duration responseTimeout;
    final CompletableFuture<byte[]> future = new CompletableFuture<>();
    boolean acknowledged;
    ScheduledFuture<?> timer;

    Outstanding(int reference, Duration responseTimeout) {
      this.reference = reference;
      this.responseTimeout = responseTimeout;
    }
  }
}
