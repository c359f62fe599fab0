package io.ecrhub.ecr.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
  private static final ConnectTarget TARGET =
      new ConnectTarget("127.0.0.1", 9001, Wire.HTTP, Duration.ofSeconds(5));

  private static Connection open(EmbeddedChannel ch) {
    InboundMarker marker = new InboundMarker();
    HttpResponseHandler handler = new HttpResponseHandler(marker);
    ch.pipeline().addLast(marker, handler);
    return new Connection(ch, TARGET, List.of(), handler);
  }

  @Test
  void givenConnection_isTakenBackForTheSameKeyOnly() {
    ConnectionPool pool = new ConnectionPool(2, Duration.ofSeconds(20));
    Connection c = open(new EmbeddedChannel());

    pool.give("a", c);

    assertThat(pool.take("b")).isEmpty();
    assertThat(pool.take("a")).containsSame(c);
    assertThat(pool.take("a")).isEmpty();
  }

  @Test
  void connectionClosedByThePeerWhileIdle_leavesThePool() {
    ConnectionPool pool = new ConnectionPool(2, Duration.ofSeconds(20));
    EmbeddedChannel ch = new EmbeddedChannel();
    pool.give("a", open(ch));

    ch.close();

    assertThat(pool.idleCount("a")).isZero();
    assertThat(pool.take("a")).isEmpty();
  }

  @Test
  void idleConnection_isClosedAfterTheIdleTimeout() {
    ConnectionPool pool = new ConnectionPool(2, Duration.ofSeconds(20));
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    pool.give("a", open(ch));

    ch.advanceTimeBy(21, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();

    assertThat(ch.isActive()).isFalse();
    assertThat(pool.take("a")).isEmpty();
  }

  @Test
  void connectionsBeyondTheLimit_areClosed() {
    ConnectionPool pool = new ConnectionPool(1, Duration.ofSeconds(20));
    EmbeddedChannel first = new EmbeddedChannel();
    EmbeddedChannel second = new EmbeddedChannel();

    pool.give("a", open(first));
    pool.give("a", open(second));

    assertThat(first.isActive()).isTrue();
    assertThat(second.isActive()).isFalse();
  }

  @Test
  void closeAll_closesIdleConnections_andLaterGiftsToo() {
    ConnectionPool pool = new ConnectionPool(2, Duration.ofSeconds(20));
    EmbeddedChannel idle = new EmbeddedChannel();
    pool.give("a", open(idle));

    pool.closeAll();
    EmbeddedChannel late = new EmbeddedChannel();
    pool.give("a", open(late));

    assertThat(idle.isActive()).isFalse();
    assertThat(late.isActive()).isFalse();
  }
}
