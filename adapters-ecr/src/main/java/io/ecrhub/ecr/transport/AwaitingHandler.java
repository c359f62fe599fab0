package io.ecrhub.ecr.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.util.concurrent.CompletableFuture;

/**
 * Last handler of a request/response pipeline: holds the one request awaiting its answer and turns
 * every way a connection can end (answer, close, error, timeout) into exactly one {@link
 * ExchangeResult}. Event-loop confined; stateful, one per channel. Errors close the channel and are
 * never logged with payloads.
 */
abstract class AwaitingHandler extends ChannelInboundHandlerAdapter {
  private final InboundMarker marker;
  private ChannelHandlerContext ctx;
  private CompletableFuture<ExchangeResult> pending;

  AwaitingHandler(InboundMarker marker) {
    this.marker = marker;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Arms the handler for the next answer; called on the event loop before the write. */
  void expect(CompletableFuture<ExchangeResult> result) {
    marker.reset();
    pending = result;
    onExpect();
  }

  /** Hook: reset per-request state. */
  void onExpect() {}

  boolean awaiting() {
    return pending != null;
  }

  /** Completes the awaited request (at most once). */
  final void answer(ExchangeResult result) {
    CompletableFuture<ExchangeResult> p = pending;
    pending = null;
    if (p != null) {
      p.complete(result);
    }
  }

  /** The request may have left and no complete answer will come: Lost, then close. */
  final void lose(String detail) {
    answer(new ExchangeResult.Lost(detail, marker.seen(), false));
    ctx.close();
  }

  /** The read timeout expired: Lost, then close. */
  final void timeOut(String detail) {
    answer(new ExchangeResult.Lost(detail, marker.seen(), true));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (pending != null) {
      onClosedWhileAwaiting();
    }
    super.channelInactive(ctx);
  }

  /** Hook: the peer closed while an answer was awaited. */
  void onClosedWhileAwaiting() {
    lose("connection closed before a complete response");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (pending != null) {
      if (isOversize(cause)) {
        answer(new ExchangeResult.Oversize("response exceeds the size limit"));
        ctx.close();
      } else {
        lose("connection failed while awaiting the response (" + summary(cause) + ")");
      }
    } else {
      ctx.close();
    }
  }

  private static boolean isOversize(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TooLongFrameException) {
        return true;
      }
    }
    return false;
  }

  /** Exception class and message, one line, for operators; never payload bytes. */
  static String summary(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    String text = root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    text = text.replaceAll("\\s+", " ");
    return text.length() > 160 ? text.substring(0, 160) + "…" : text;
  }
}
