package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSent;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.transport.ConnectResult;
import io.ecrhub.ecr.transport.ConnectTarget;
import io.ecrhub.ecr.transport.Connector;
import io.ecrhub.ecr.transport.Wire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Raw TCP (port 9002), one request per connection, the answer read to end of stream.
 *
 * <p><b>Unverified on hardware.</b> QFPay documents no framing for 9002 (protocol doc §2.2); each
 * {@link TcpFraming} is a candidate to try against a real terminal:
 *
 * <ul>
 *   <li>{@code HALF_CLOSE} (default): the bare Base64 (no quotes), then shutdownOutput;
 *   <li>{@code NEWLINE}: the bare Base64 and {@code '\n'}, output left open;
 *   <li>{@code JSON_QUOTED}: the HTTP body as is (the quoted Base64), then shutdownOutput;
 *   <li>{@code USB_FRAME}: not supported yet (NotSent CONFIGURATION).
 * </ul>
 *
 * With encryption off there is no Base64: the plain JSON body is sent as is in every framing.
 */
final class TcpRoute {
  private final Connector connector;

  TcpRoute(Connector connector) {
    this.connector = connector;
  }

  CompletableFuture<TerminalOutcome> send(TerminalEndpoint e, EcrFunction fn, String body) {
    TcpFraming framing = e.tcpFraming();
    if (framing == TcpFraming.USB_FRAME) {
      return CompletableFuture.completedFuture(
          new NotSent(
              NotSentCause.CONFIGURATION,
              "TCP framing USB_FRAME is not supported yet; use HALF_CLOSE, NEWLINE or JSON_QUOTED,"
                  + " or HTTP(S)"));
    }
    boolean quoted = body.length() >= 2 && body.startsWith("\"") && body.endsWith("\"");
    String bare = quoted ? body.substring(1, body.length() - 1) : body;
    String wire =
        switch (framing) {
          case HALF_CLOSE -> bare;
          case NEWLINE -> bare + "\n";
          case JSON_QUOTED, USB_FRAME -> body;
        };
    boolean halfClose = framing != TcpFraming.NEWLINE;
    ConnectTarget target = new ConnectTarget(e.host(), e.port(), Wire.TCP, e.connectTimeout());
    return connector
        .connect(target)
        .thenCompose(
            r ->
                switch (r) {
                  case ConnectResult.Refused f ->
                      CompletableFuture.completedFuture(Outcomes.refused(f));
                  case ConnectResult.Connected c ->
                      c.connection()
                          .sendRaw(
                              wire.getBytes(StandardCharsets.UTF_8), halfClose, e.readTimeout())
                          .thenApply(
                              result -> {
                                c.connection().close();
                                return Outcomes.of(fn, result, e.posKey());
                              });
                });
  }
}
