package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PanacheTerminalLeasesTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  @Inject TerminalLeases leases;

  @Test
  void freeTerminal_isTaken_andRefusedToAnotherHolder() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    assertThat(leases.tryAcquire(t, "hub-a", TTL, now)).isTrue();
    assertThat(leases.tryAcquire(t, "hub-b", TTL, now.plusSeconds(1))).isFalse();
    assertThat(leases.current(t, now.plusSeconds(1)))
        .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("hub-a"));
  }

  /**
   * Taking a lease joins the caller's transaction (a payment's lease and its IN_PROGRESS row commit
   * together): rolled back, it leaves the terminal free; committed, it holds.
   */
  @Test
  void taking_joinsTheCallersTransaction() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    IllegalStateException rollback = new IllegalStateException("payment not recorded");
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          assertThat(leases.tryAcquire(t, "hub-a", TTL, now)).isTrue();
                          throw rollback;
                        }))
        .isSameAs(rollback);
    assertThat(leases.current(t, now)).isEmpty();

    QuarkusTransaction.requiringNew()
        .run(() -> assertThat(leases.tryAcquire(t, "hub-b", TTL, now)).isTrue());
    assertThat(leases.tryAcquire(t, "hub-a", TTL, now)).isFalse();
    assertThat(leases.current(t, now))
        .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("hub-b"));
  }

  @Test
  void holder_canRenewItsOwnLease() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    assertThat(leases.tryAcquire(t, "hub-a", TTL, now)).isTrue();
    assertThat(leases.tryAcquire(t, "hub-a", TTL, now.plusSeconds(20))).isTrue();
    assertThat(leases.current(t, now.plusSeconds(40))).isPresent(); // renewed to now + 50 s
  }

  @Test
  void expiredLease_canBeTakenOver() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    assertThat(leases.tryAcquire(t, "crashed-hub", TTL, now)).isTrue();
    assertThat(leases.current(t, now.plus(TTL))).isEmpty();
    assertThat(leases.tryAcquire(t, "hub-b", TTL, now.plus(TTL))).isTrue();
    assertThat(leases.current(t, now.plus(TTL)).orElseThrow().holder()).isEqualTo("hub-b");
  }

  @Test
  void release_freesTheTerminal_butOnlyForTheHolder() {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    leases.tryAcquire(t, "hub-a", TTL, now);
    leases.release(t, "hub-b");
    assertThat(leases.tryAcquire(t, "hub-b", TTL, now)).isFalse();
    leases.release(t, "hub-a");
    assertThat(leases.tryAcquire(t, "hub-b", TTL, now)).isTrue();
  }

  @Test
  void manyContenders_atOnce_exactlyOneWins() throws Exception {
    TerminalId t = TerminalId.of(Api.unique("t"));
    Instant now = Instant.now();
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String holder = "hub-" + i;
        Callable<Boolean> c =
            () -> {
              start.await();
              return leases.tryAcquire(t, holder, TTL, now);
            };
        results.add(pool.submit(c));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> f : results) {
        if (f.get(30, TimeUnit.SECONDS)) {
          winners++;
        }
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
