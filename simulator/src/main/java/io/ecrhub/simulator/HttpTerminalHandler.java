package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrFunction;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/**
 * Serves the terminal's HTTP(S) API on one connection (protocol doc §2.1): {@code POST
 * /api/pos/<endpoint>} with the JSON-quoted ciphertext (or, encryption off, the JSON wrapper).
 * Every ECR answer goes out as HTTP 200 with the envelope (QFPay documents no status codes; Odoo
 * reads the body regardless), an unknown path as 404, CORS preflights as 204. One request at a time
 * per connection: reading pauses while a request waits for its card. Stateful, not shared.
 */
final class HttpTerminalHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(HttpTerminalHandler.class.getName());

  private final TerminalEngine engine;
  private final String transport;
  private boolean pending;

  HttpTerminalHandler(TerminalEngine engine, String transport) {
    this.engine = engine;
    this.transport = transport;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      write(ctx, HttpResponseStatus.BAD_REQUEST, "bad request", false);
      return;
    }
    if (HttpMethod.OPTIONS.equals(req.method())) {
      write(ctx, HttpResponseStatus.NO_CONTENT, null, keepAlive);
      return;
    }
    EcrFunction fn = EcrFunction.ofPath(new QueryStringDecoder(req.uri()).path());
    if (!HttpMethod.POST.equals(req.method())) {
      answer(ctx, engine.wrongMethod(transport), keepAlive);
      return;
    }
    if (fn == null) {
      TerminalEngine.Reply r = engine.unknownPath(transport);
      write(ctx, HttpResponseStatus.NOT_FOUND, ((TerminalEngine.Reply.Answer) r).body(), keepAlive);
      return;
    }
    String body = req.content().toString(StandardCharsets.UTF_8);
    pending = true;
    ctx.channel().config().setAutoRead(false);
    engine
        .handle(transport, fn, body, ctx.executor())
        .whenComplete(
            (reply, err) ->
                ctx.executor()
                    .execute(
                        () -> {
                          pending = false;
                          if (err != null) {
                            ctx.close();
                            return;
                          }
                          answer(ctx, reply, keepAlive);
                          ctx.channel().config().setAutoRead(true);
                        }));
  }

  private void answer(ChannelHandlerContext ctx, TerminalEngine.Reply reply, boolean keepAlive) {
    switch (reply) {
      case TerminalEngine.Reply.Answer a -> write(ctx, HttpResponseStatus.OK, a.body(), keepAlive);
      case TerminalEngine.Reply.Drop d -> ctx.close();
    }
  }

  private static void write(
      ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            body == null
                ? Unpooled.EMPTY_BUFFER
                : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes())
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept");
    if (keepAlive) {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(resp);
    } else {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && !pending) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "closing {0} connection from {1}: {2}",
        transport,
        ctx.channel().remoteAddress(),
        cause.getClass().getSimpleName());
    // Handshake failures and resets are expected (foreign-CA tests, dropped clients): no payloads.
    ctx.close();
  }
}
