package io.ecrhub.app.notify.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The console's notifications page draws its first view from one inbox search and one count per
 * status: each is a single statement, whatever the inbox holds, and the next page is one more.
 */
@QuarkusTest
class NotificationInboxQueriesTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject DataSource dataSource;
  @Inject SqlNotificationInbox inbox;

  @Test
  void eachInboxViewIsOneStatement_whateverTheInboxHolds() {
    String run = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    String trade = "ord-q-" + run;
    Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
    String someSyssn = null;
    for (int i = 0; i < 60; i++) {
      String syssn = "2026" + run + String.format("%04d", i);
      someSyssn = syssn;
      InboxEntry e =
          new InboxEntry(
              "nq-" + run + "-" + i,
              ("{\"syssn\":\"" + syssn + "\"}").getBytes(StandardCharsets.UTF_8),
              Map.of("Content-Type", "application/json"),
              "127.0.0.1",
              t0.plusSeconds(i),
              InboxStatus.VERIFIED,
              "PAYMENT:" + syssn,
              null,
              null,
              trade,
              null);
      QuarkusTransaction.requiringNew().run(() -> inbox.storeVerified(e));
    }
    AtomicInteger statements = new AtomicInteger();
    SqlNotificationInbox counted =
        new SqlNotificationInbox(counting(dataSource, statements), Clock.systemUTC());
    NotificationInbox.Filter byTrade = new NotificationInbox.Filter(null, null, trade, null, null);

    Page<InboxEntry> first =
        QuarkusTransaction.requiringNew().call(() -> counted.search(byTrade, null, 25));
    assertThat(first.items()).hasSize(25);
    assertThat(statements.getAndSet(0)).isEqualTo(1);

    Page<InboxEntry> second =
        QuarkusTransaction.requiringNew()
            .call(() -> counted.search(byTrade, first.nextCursor(), 25));
    assertThat(second.items()).hasSize(25).doesNotContainAnyElementsOf(first.items());
    assertThat(statements.getAndSet(0)).isEqualTo(1);

    String syssn = someSyssn;
    Page<InboxEntry> one =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    counted.search(
                        new NotificationInbox.Filter(null, syssn, null, null, null), null, 25));
    assertThat(one.items())
        .singleElement()
        .satisfies(e -> assertThat(e.tradeRef()).isEqualTo(trade));
    assertThat(statements.getAndSet(0)).isEqualTo(1);

    QuarkusTransaction.requiringNew()
        .call(
            () ->
                counted.search(
                    new NotificationInbox.Filter(InboxStatus.PARKED, null, trade, null, null),
                    null,
                    25));
    assertThat(statements.getAndSet(0)).isEqualTo(1);

    Map<InboxStatus, Long> byStatus =
        QuarkusTransaction.requiringNew().call(counted::countByStatus);
    assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThanOrEqualTo(60);
    assertThat(statements.getAndSet(0)).isEqualTo(1);
  }

  /** A data source that counts the statements prepared on its connections. */
  private static DataSource counting(DataSource real, AtomicInteger statements) {
    InvocationHandler connections =
        (proxy, method, args) -> {
          Object result = method.invoke(real, args);
          if (result instanceof Connection c) {
            return Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  return m.invoke(c, a);
                });
          }
          return result;
        };
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, connections);
  }
}
