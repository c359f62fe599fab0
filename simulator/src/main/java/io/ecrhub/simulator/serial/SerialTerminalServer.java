package io.ecrhub.simulator.serial;

import io.ecrhub.ecr.serial.SerialTerminalEndpoint;
import io.ecrhub.simulator.SimulatedTerminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one simulated terminal over the USB-serial link (protocol doc §2.3): the POS end of the
 * cable (a real port, or one end of a pty pair such as {@link SocatPtyPair}) is opened with {@link
 * SerialTerminalEndpoint}, and each request's data segment goes to {@link
 * SimulatedTerminal#handleRequest} with transport {@value #TRANSPORT}. The terminal's answer goes
 * back as the POS's result message.
 *
 * <p>A request the terminal drops (a fault such as {@code Fault.dropAfterApprove()}) is
 * acknowledged on the link but never answered, so the hub's wait for the result ends as "outcome
 * unknown", as with a real POS that took the payment and lost the cable. Payloads are never logged.
 */
public final class SerialTerminalServer implements AutoCloseable {
  /** The transport name the terminal records in its exchanges. */
  public static final String TRANSPORT = "serial";

  /** The doc's acknowledgement timeout for the results this end sends. */
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMillis(1000);

  private final String devicePath;
  private final SimulatedTerminal terminal;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger unacknowledged = new AtomicInteger();
  private final SerialTerminalEndpoint endpoint;

  private SerialTerminalServer(SimulatedTerminal terminal, String devicePath, Duration ackTimeout)
      throws IOException {
    this.terminal = terminal;
    this.devicePath = devicePath;
    this.endpoint =
        SerialTerminalEndpoint.open(
            devicePath,
            this::handle,
            ackTimeout,
            new SerialTerminalEndpoint.Listener() {
              @Override
              public void resultAcknowledged(int reference) {
                acknowledged.incrementAndGet();
              }

              @Override
              public void resultNotAcknowledged(int reference) {
                unacknowledged.incrementAndGet();
              }
            });
  }

  /** Serves {@code terminal} on {@code devicePath} with the doc's 1000 ms acknowledgement wait. */
  public static SerialTerminalServer open(SimulatedTerminal terminal, String devicePath)
      throws IOException {
    return open(terminal, devicePath, DEFAULT_ACK_TIMEOUT);
  }

  /**
   * Serves {@code terminal} on {@code devicePath}.
   *
   * @param ackTimeout how long a result sent to the hub waits for its acknowledgement (only counted
   *     in {@link #resultsNotAcknowledged()}; the result is not resent)
   * @throws IOException when the port cannot be opened
   */
  public static SerialTerminalServer open(
      SimulatedTerminal terminal, String devicePath, Duration ackTimeout) throws IOException {
    Objects.requireNonNull(terminal, "terminal");
    Objects.requireNonNull(devicePath, "devicePath");
    if (devicePath.isBlank()) {
      throw new IllegalArgumentException("serial device path must not be blank");
    }
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    return new SerialTerminalServer(terminal, devicePath, ackTimeout);
  }

  private CompletableFuture<byte[]> handle(byte[] data) {
    String body = new String(data, StandardCharsets.UTF_8);
    // a null result tells the endpoint not to answer: the terminal dropped the request
    return terminal
        .handleRequest(TRANSPORT, body)
        .thenApply(answer -> answer.map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null));
  }

  /** The device this server holds open (the POS end of the cable). */
  public String devicePath() {
    return devicePath;
  }

  /** The terminal it serves. */
  public SimulatedTerminal terminal() {
    return terminal;
  }

  /** Results the hub acknowledged on the link. */
  public int resultsAcknowledged() {
    return acknowledged.get();
  }

  /** Results that could not be written or got no acknowledgement in time. */
  public int resultsNotAcknowledged() {
    return unacknowledged.get();
  }

  /** Closes the port; the terminal itself keeps running on its other transports. */
  @Override
  public void close() {
    endpoint.close();
  }

  @Override
  public String toString() {
    return "SerialTerminalServer[" + terminal.id() + " on " + devicePath + "]";
  }
}
