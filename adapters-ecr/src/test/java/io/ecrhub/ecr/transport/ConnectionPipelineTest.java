package io.ecrhub.ecr.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request/response pipelines on an {@link EmbeddedChannel}: split reads, oversize answers,
 * premature close, read timeout, raw TCP end-of-stream framing.
 */
class ConnectionPipelineTest {
  private static final ConnectTarget HTTP_TARGET =
      new ConnectTarget("127.0.0.1", 9001, Wire.HTTP, Duration.ofSeconds(5));
  private static final ConnectTarget TCP_TARGET =
      new ConnectTarget("127.0.0.1", 9002, Wire.TCP, Duration.ofSeconds(5));
  private static final byte[] BODY = "\"cipher\"".getBytes(StandardCharsets.US_ASCII);

  private EmbeddedChannel ch;
  private Connection connection;

  private void http(int maxBytes) {
    InboundMarker marker = new InboundMarker();
    HttpResponseHandler handler = new HttpResponseHandler(marker);
    ch =
        new EmbeddedChannel(
            marker, new HttpClientCodec(), new HttpObjectAggregator(maxBytes), handler);
    ch.freezeTime();
    connection = new Connection(ch, HTTP_TARGET, List.of(), handler);
  }

  private void tcp(int maxBytes) {
    InboundMarker marker = new InboundMarker();
    EofCollector handler = new EofCollector(marker, maxBytes);
    ch = new EmbeddedChannel(marker, handler);
    ch.freezeTime();
    connection = new Connection(ch, TCP_TARGET, List.of(), handler);
  }

  private CompletableFuture<ExchangeResult> post() {
    CompletableFuture<ExchangeResult> f =
        connection.postJson("/api/pos/trade", BODY, Duration.ofSeconds(30));
    ch.runPendingTasks();
    return f;
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
  }

  @Test
  void request_isAJsonPostWithHostAcceptAndLength() {
    http(1024);
    post();

    ByteBuf out = ch.readOutbound();
    String wire = out.toString(StandardCharsets.US_ASCII);
    out.release();

    assertThat(wire)
        .startsWith("POST /api/pos/trade HTTP/1.1\r\n")
        .containsIgnoringCase("host: 127.0.0.1:9001\r\n")
        .containsIgnoringCase("content-type: application/json\r\n")
        .containsIgnoringCase("accept: application/json\r\n")
        .containsIgnoringCase("content-length: " + BODY.length + "\r\n")
        .endsWith("\r\n\r\n\"cipher\"");
  }

  @Test
  void responseSplitAcrossReads_isOneCompleteAnswer() throws Exception {
    http(1024);
    CompletableFuture<ExchangeResult> f = post();

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Le"));
    ch.writeInbound(ascii("ngth: 17\r\n\r\n{\"respcd\":"));
    assertThat(f).isNotDone();
    ch.writeInbound(ascii("\"6000\"}"));

    assertThat(f.get(1, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ExchangeResult.Answer.class,
            a -> {
              assertThat(new String(a.body(), StandardCharsets.US_ASCII))
                  .isEqualTo("{\"respcd\":\"6000\"}");
              assertThat(a.httpStatus()).isEqualTo(200);
              assertThat(a.reusable()).isTrue();
            });
    assertThat(ch.isActive()).isTrue();
  }

  @Test
  void responseOverTheBound_isOversize_andTheConnectionCloses() throws Exception {
    http(1024);
    CompletableFuture<ExchangeResult> f = post();

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)));

    assertThat(f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Oversize.class);
    assertThat(ch.isActive()).isFalse();
  }

  @Test
  void closeMidBody_isLostWithBytesRead() throws Exception {
    http(1024);
    CompletableFuture<ExchangeResult> f = post();

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"respcd\""));
    ch.close();

    assertThat(f.get(1, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ExchangeResult.Lost.class,
            l -> {
              assertThat(l.anythingRead()).isTrue();
              assertThat(l.looksStale()).isFalse();
            });
  }

  @Test
  void closeBeforeAnyByte_isLostAndLooksStale() throws Exception {
    http(1024);
    CompletableFuture<ExchangeResult> f = post();

    ch.close();

    assertThat(f.get(1, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ExchangeResult.Lost.class, l -> assertThat(l.looksStale()).isTrue());
  }

  @Test
  void noAnswerWithinTheReadTimeout_isLostTimedOut_andTheConnectionCloses() throws Exception {
    http(1024);
    CompletableFuture<ExchangeResult> f = post();

    ch.advanceTimeBy(31, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(f.get(1, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ExchangeResult.Lost.class,
            l -> {
              assertThat(l.timedOut()).isTrue();
              assertThat(l.looksStale()).isFalse();
            });
    assertThat(ch.isActive()).isFalse();
  }

  @Test
  void sendOnAClosedConnection_isUnsent() throws Exception {
    http(1024);
    ch.close();

    assertThat(post().get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Unsent.class);
  }

  @Test
  void responseNobodyAwaits_closesTheConnection() {
    http(1024);

    ch.writeInbound(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));

    assertThat(ch.isActive()).isFalse();
  }

  @Test
  void rawTcp_answerIsEverythingUpToEndOfStream() throws Exception {
    tcp(1024);
    CompletableFuture<ExchangeResult> f = connection.sendRaw(BODY, true, Duration.ofSeconds(30));
    ch.runPendingTasks();

    ch.writeInbound(ascii("{\"respcd\":"));
    ch.writeInbound(ascii("\"6000\"}"));
    assertThat(f).isNotDone();
    ch.close();

    assertThat(f.get(1, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            ExchangeResult.Answer.class,
            a ->
                assertThat(new String(a.body(), StandardCharsets.US_ASCII))
                    .isEqualTo("{\"respcd\":\"6000\"}"));
  }

  @Test
  void rawTcp_resetAfterPartialAnswer_isLost() throws Exception {
    tcp(1024);
    CompletableFuture<ExchangeResult> f = connection.sendRaw(BODY, true, Duration.ofSeconds(30));
    ch.runPendingTasks();

    ch.writeInbound(ascii("{\"respcd\":"));
    ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

    assertThat(f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Lost.class);
    assertThat(ch.isActive()).isFalse();
  }

  @Test
  void rawTcp_endOfStreamWithoutAByte_isLost() throws Exception {
    tcp(1024);
    CompletableFuture<ExchangeResult> f = connection.sendRaw(BODY, true, Duration.ofSeconds(30));
    ch.runPendingTasks();

    ch.close();

    assertThat(f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Lost.class);
  }

  @Test
  void rawTcp_answerOverTheBound_isOversize() throws Exception {
    tcp(1024);
    CompletableFuture<ExchangeResult> f = connection.sendRaw(BODY, true, Duration.ofSeconds(30));
    ch.runPendingTasks();

    ch.writeInbound(ascii("x".repeat(600)));
    ch.writeInbound(ascii("x".repeat(600)));

    assertThat(f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExchangeResult.Oversize.class);
  }
}
