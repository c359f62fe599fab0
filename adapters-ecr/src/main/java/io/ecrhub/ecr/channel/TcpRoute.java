package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.serial.UsbFraming;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ConnectTarget;
import io.ecrhub.ecr.transport.Connection;
import io.ecrhub.ecr.transport.Connector;
import io.ecrhub.ecr.transport.ExchangeResult;
import io.ecrhub.ecr.transport.Wire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Raw TCP (port 9002), one request per connection.
 *
 * <p><b>Unverified on hardware.</b> QFPay documents no framing for 9002 (protocol doc §2.2); each
 * {@link TcpFraming} is a candidate to try against a real terminal:
 *
 * <ul>
 *   <li>{@code HALF_CLOSE} (default): the bare Base64 (no quotes), then shutdownOutput; the answer
 *       is read to end of stream;
 *   <li>{@code NEWLINE}: the bare Base64 and {@code '\n'}, output left open; answer to end of
 *       stream;
 *   <li>{@code JSON_QUOTED}: the HTTP body as is (the quoted Base64), then shutdownOutput; answer
 *       to end of stream;
 *   <li>{@code USB_FRAME}: the bare Base64 as the data of {@code 0x10} frame(s) of §2.3 (split into
 *       1024-byte fragments when longer), output left open; then the terminal's {@code 0x20}
 *       acknowledgement and its result as {@code 0x10} frame(s), which the hub acknowledges (see
 *       {@code UsbResultCollector} for the rules: an error packet answering the request before
 *       anything else is NotSent, as on the serial link).
 * </ul>
 *
 * With encryption off there is no Base64: the plain JSON body is sent as is in every framing. In
 * every framing, anything after the write without a complete answer is OutcomeUnknown.
 */
final class TcpRoute {
  private final Connector connector;
  private final int usbFragment;

  TcpRoute(Connector connector) {
    this(connector, UsbFraming.FRAGMENT);
  }

  /**
   * @param usbFragment largest data segment per USB frame (the doc's 1024; smaller in tests)
   */
  TcpRoute(Connector connector, int usbFragment) {
    this.connector = connector;
    this.usbFragment = usbFragment;
  }

  /** Sends {@code body}; {@code written} runs once it was written to the connection. */
  CompletableFuture<TerminalOutcome> send(
      TerminalEndpoint e, EcrFunction fn, String body, Runnable written) {
    TcpFraming framing = e.tcpFraming();
    boolean quoted = body.length() >= 2 && body.startsWith("\"") && body.endsWith("\"");
    String bare = quoted ? body.substring(1, body.length() - 1) : body;
    if (framing == TcpFraming.USB_FRAME) {
      byte[] data = bare.getBytes(StandardCharsets.UTF_8);
      if (data.length > UsbFraming.MAX_MESSAGE) {
        return CompletableFuture.completedFuture(
            new NotSent(
                NotSentCause.CONFIGURATION,
                "request of " + data.length + " bytes exceeds the USB frame's 65535-byte limit"));
      }
      return exchange(
          e,
          fn,
          Wire.TCP_USB_FRAME,
          c -> c.sendUsbFramed(data, usbFragment, e.readTimeout(), written));
    }
    String wire =
        switch (framing) {
          case HALF_CLOSE -> bare;
          case NEWLINE -> bare + "\n";
          case JSON_QUOTED, USB_FRAME -> body;
        };
    boolean halfClose = framing != TcpFraming.NEWLINE;
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    return exchange(e, fn, Wire.TCP, c -> c.sendRaw(bytes, halfClose, e.readTimeout(), written));
  }

  /**
   * Connects, runs {@code request}, classifies its result. The connection carries one request and
   * is closed afterwards; a USB-framed connection closes itself once its acknowledgement of the
   * result is written (closing it here could cut that short).
   */
  private CompletableFuture<TerminalOutcome> exchange(
      TerminalEndpoint e,
      EcrFunction fn,
      Wire wire,
      Function<Connection, CompletableFuture<ExchangeResult>> request) {
    ConnectTarget target = new ConnectTarget(e.host(), e.port(), wire, e.connectTimeout());
    return connector
        .connect(target)
        .thenCompose(
            r ->
                switch (r) {
                  case ConnectResult.Refused f ->
                      CompletableFuture.completedFuture(Outcomes.refused(f));
                  case ConnectResult.Connected c ->
                      request
                          .apply(c.connection())
                          .thenApply(
                              result -> {
                                if (wire != Wire.TCP_USB_FRAME) {
                                  c.connection().close();
                                }
                                return Outcomes.of(fn, result, e.posKey());
                              });
                });
  }
}
