package io.ecrhub.ecr.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One open serial port speaking the USB framing: 9600 8N1, no flow control (doc §2.3). A reader
 * thread feeds received bytes through the tested Netty codec ({@link UsbFrameDecoder} then {@link
 * UsbReassembler}, in an {@link EmbeddedChannel} touched only by that thread) and hands each {@link
 * UsbInbound} to the listener. Writes are serialised by a lock. Payloads are never logged.
 */
final class UsbLink implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UsbLink.class.getName());

  /** 9600 baud, 8N1: ten bits per byte. */
  static final int BAUD = 9600;

  static final int BYTES_PER_SECOND = BAUD / 10;

  private final SerialPort port;
  private final String path;
  private final Consumer<UsbInbound> listener;
  private final Consumer<String> onFailure;
  private final Object writeLock = new Object();
  private final Thread reader;
  private volatile boolean closed;
  private EmbeddedChannel pipeline;

  private UsbLink(
      SerialPort port, String path, Consumer<UsbInbound> listener, Consumer<String> onFailure) {
    this.port = port;
    this.path = path;
    this.listener = listener;
    this.onFailure = onFailure;
    this.pipeline = newPipeline();
    this.reader = Thread.ofPlatform().daemon().name("usb-serial-" + path).unstarted(this::readLoop);
  }

  /**
   * Opens {@code path} (e.g. {@code /dev/ttyUSB0}); {@link #start()} begins reading.
   *
   * @param onFailure called once, from the reader thread, if the port fails while open
   * @throws IOException when the port cannot be opened; nothing was sent
   */
  static UsbLink open(String path, Consumer<UsbInbound> listener, Consumer<String> onFailure)
      throws IOException {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      throw new IOException("no serial port at " + path + ": " + e.getMessage(), e);
    }
    port.setComPortParameters(BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 200, 0);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open serial port " + path + " (error code " + port.getLastErrorCode() + ")");
    }
    return new UsbLink(port, path, listener, onFailure);
  }

  /** Starts the reader thread; call once the owner can take inbound messages. */
  void start() {
    reader.start();
  }

  String path() {
    return path;
  }

  /**
   * Writes the frames in order.
   *
   * @return the number of bytes written
   * @throws PartialWriteException when the port failed; says whether bytes may have gone out
   */
  int send(List<UsbFrame> frames) throws PartialWriteException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (UsbFrame f : frames) {
      all.writeBytes(UsbFrameEncoder.toBytes(f));
    }
    byte[] bytes = all.toByteArray();
    synchronized (writeLock) {
      int written = 0;
      while (written < bytes.length) {
        if (closed) {
          throw new PartialWriteException("serial port " + path + " is closed", written > 0);
        }
        int n = port.writeBytes(bytes, bytes.length - written, written);
        if (n < 0) {
          // a failed native write may still have put bytes on the line: count it as attempted
          throw new PartialWriteException(
              "write to " + path + " failed (error code " + port.getLastErrorCode() + ")", true);
        }
        written += n;
      }
      return written;
    }
  }

  /** Sends one frame, logging (not throwing) a failure: for acknowledgements and error packets. */
  void sendQuietly(UsbFrame frame) {
    try {
      send(List.of(frame));
    } catch (PartialWriteException e) {
      LOG.log(Level.WARNING, "could not send {0} on {1}: {2}", frame, path, e.getMessage());
    }
  }

  /** How long {@code bytes} take on the wire at 9600 8N1. */
  static Duration wireTime(int bytes) {
    return Duration.ofMillis(bytes * 1000L / BYTES_PER_SECOND);
  }

  /**
   * Drops partially received bytes and fragments (after a timeout the link starts afresh, as the
   * doc says the device "disconnects"). Runs on the reader thread at its next turn.
   */
  void resetReceiver() {
    resetRequested = true;
  }

  private volatile boolean resetRequested;

  private EmbeddedChannel newPipeline() {
    return new EmbeddedChannel(
        new UsbFrameDecoder(),
        new UsbReassembler(
            Duration.ofMillis(500), BYTES_PER_SECOND, UsbFrame.MAX_FRAME_LENGTH, System::nanoTime));
  }

  private void readLoop() {
    byte[] buf = new byte[4096];
    while (!closed) {
      if (resetRequested) {
        resetRequested = false;
        pipeline.finishAndReleaseAll();
        pipeline = newPipeline();
      }
      int n = port.readBytes(buf, buf.length);
      if (n < 0) {
        if (!closed) {
          LOG.log(Level.WARNING, "serial port {0} failed while reading; closing it", path);
          close();
          onFailure.accept("serial port " + path + " failed while reading");
        }
        return;
      }
      if (n == 0) {
        continue;
      }
      try {
        pipeline.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
      } catch (RuntimeException e) {
        // decoder errors (bad frames) are reported here; decoding has already resynchronised
        LOG.log(Level.WARNING, "discarded bad data on {0}: {1}", path, e.getMessage());
      }
      Object msg;
      while ((msg = pipeline.readInbound()) != null) {
        try {
          listener.accept((UsbInbound) msg);
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "serial link listener failed on " + path, e);
        }
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    port.closePort();
  }

  /** A write stopped early; {@link #attempted()} tells whether any byte may have gone out. */
  static final class PartialWriteException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean attempted;

    PartialWriteException(String message, boolean attempted) {
      super(message);
      this.attempted = attempted;
    }

    /** False only when provably nothing was handed to the port. */
    boolean attempted() {
      return attempted;
    }
  }
}
