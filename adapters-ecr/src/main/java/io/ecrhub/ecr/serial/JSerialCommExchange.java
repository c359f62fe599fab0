package io.ecrhub.ecr.serial;

import io.ecrhub.ecr.channel.SerialExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The ECR (cash register) side of the USB-serial link over jSerialComm (protocol doc §2.3): sends
 * the request as {@code 0x10} frame(s), waits for the POS's {@code 0x20} acknowledgement with the
 * same reference, then for the business result, which arrives as a separate {@code 0x10} message
 * from the POS [INFERRED, doc §2.3 point 6]; acknowledges it and completes with its data.
 *
 * <p>One port per device path is opened on first use and kept open (closing a port between requests
 * would drop a late result and, on some adapters, reset the line). One request at a time per port:
 * the result carries no field that pairs it with a request, so a second request while one is
 * outstanding (including a 5001 cancel during a trade) is refused before anything is sent.
 *
 * <p>How failures map to {@link SerialLinkException#mayHaveReachedTerminal()}:
 *
 * <ul>
 *   <li>the port cannot be opened, or another request is outstanding: {@code false}, nothing was
 *       written;
 *   <li>the port is found closed before anything is handed to it: {@code false}; a write that fails
 *       once started: {@code true} (a failed native write may still have sent bytes);
 *   <li>the POS answers the request with an error packet ({@code 0x30}–{@code 0x35}, e.g. {@code
 *       0x32} validation failed) instead of the acknowledgement: {@code false}. The link layer
 *       refused the packet, so the application never received the request;
 *   <li>no acknowledgement within {@code ackTimeout} (counted from the moment the last byte left
 *       the line at 9600 baud): {@code true}. The doc says the request then "counts as failed", but
 *       the bytes did go out, and a lost or late acknowledgement is indistinguishable from a POS
 *       that received the request and is already taking the payment. Treating it as not sent could
 *       make the cashier charge twice; for a trade or refund it must be reconciled;
 *   <li>acknowledged but no result within {@code responseTimeout}: {@code true}.
 * </ul>
 *
 * A result that arrives after its request has timed out is still acknowledged (so the POS does not
 * retry) and logged, then discarded; reconciliation by query finds the outcome.
 */
public final class JSerialCommExchange implements SerialExchange, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JSerialCommExchange.class.getName());

  private final Map<String, EcrSerialLink> links = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final int maxFragment;

  /** Splits requests into the doc's recommended 1024-byte fragments. */
  public JSerialCommExchange() {
    this(UsbFrame.RECOMMENDED_FRAGMENT);
  }

  JSerialCommExchange(int maxFragment) {
    this.maxFragment = maxFragment;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("usb-serial-timers").unstarted(r));
  }

  @Override
  public CompletableFuture<byte[]> exchange(
      String devicePath, byte[] requestData, Duration ackTimeout, Duration responseTimeout) {
    if (requestData.length > UsbFrame.MAX_FRAME_LENGTH) {
      return CompletableFuture.failedFuture(
          new SerialLinkException(
              "request of " + requestData.length + " bytes exceeds the 65535-byte limit", false));
    }
    EcrSerialLink link;
    try {
      link = linkFor(devicePath);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new SerialLinkException(e.getMessage(), false));
    }
    return link.exchange(requestData, ackTimeout, responseTimeout);
  }

  private EcrSerialLink linkFor(String path) throws IOException {
    synchronized (links) {
      EcrSerialLink link = links.get(path);
      if (link != null && link.isOpen()) {
        return link;
      }
      EcrSerialLink opened = new EcrSerialLink(path, timers, maxFragment, () -> forget(path));
      opened.open();
      links.put(path, opened);
      LOG.log(System.Logger.Level.INFO, "opened serial port {0} (9600 8N1)", path);
      return opened;
    }
  }

  private void forget(String path) {
    synchronized (links) {
      EcrSerialLink link = links.get(path);
      if (link != null && !link.isOpen()) {
        links.remove(path);
      }
    }
  }

  /** Closes every port; outstanding requests fail with outcome unknown. */
  @Override
  public void close() {
    synchronized (links) {
      links.values().forEach(EcrSerialLink::close);
      links.clear();
    }
    timers.shutdownNow();
  }
}
