package io.ecrhub.ecr.channel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The USB-serial link (protocol doc §2.3) as the terminal channel uses it: send one request's data
 * (the encoded request body) to the POS on {@code devicePath}, wait for the link acknowledgement,
 * then for the business result, and complete with the result's data bytes.
 *
 * <p>Failure signalling: the future fails with {@link SerialLinkException}; {@link
 * SerialLinkException#mayHaveReachedTerminal()} tells the channel whether the outcome is unknown
 * (the request was acknowledged or partly written) or the request provably never arrived.
 */
public interface SerialExchange {
  CompletableFuture<byte[]> exchange(
      String devicePath, byte[] requestData, Duration ackTimeout, Duration responseTimeout);

  /** A serial exchange failed. */
  final class SerialLinkException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean mayHaveReachedTerminal;

    public SerialLinkException(String message, boolean mayHaveReachedTerminal) {
      super(message);
      this.mayHaveReachedTerminal = mayHaveReachedTerminal;
    }

    public boolean mayHaveReachedTerminal() {
      return mayHaveReachedTerminal;
    }
  }
}
