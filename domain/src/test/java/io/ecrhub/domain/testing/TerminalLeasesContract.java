package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link TerminalLeases}. Subclass it once per adapter; {@link #create()} must return
 * an empty store. Leases reference terminals {@code till-1} and {@code till-2}: adapters with a
 * foreign key create them in {@link #givenTerminal}.
 */
public abstract class TerminalLeasesContract extends PortContract {
  protected static final TerminalId TILL_1 = TerminalFixture.DEFAULT_ID;
  protected static final TerminalId TILL_2 = TerminalId.of("till-2");
  private static final Instant T0 = MutableClock.DEFAULT_START;
  private static final Duration TTL = Duration.ofSeconds(180);

  protected TerminalLeases leases;
  private ExecutorService pool;

  /** An empty store (e.g. with its table truncated). */
  protected abstract TerminalLeases create();

  /** Makes sure terminal {@code id} exists for adapters with a foreign key; no-op by default. */
  protected void givenTerminal(TerminalId id) {}

  @BeforeEach
  void setUpStore() {
    leases = create();
    givenTerminal(TILL_1);
    givenTerminal(TILL_2);
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Test
  void tryAcquire_freeTerminal_grantsTheLeaseUntilNowPlusTtl() {
    assertThat(acquire(TILL_1, "hub-a:pay_1", T0)).isTrue();

    TerminalLeases.Lease lease = current(TILL_1, T0.plusSeconds(1));
    assertThat(lease.terminalId()).isEqualTo(TILL_1);
    assertThat(lease.holder()).isEqualTo("hub-a:pay_1");
    assertThat(lease.expiresAt()).isEqualTo(T0.plus(TTL));
  }

  @Test
  void tryAcquire_heldByAnother_isRefused() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    assertThat(acquire(TILL_1, "hub-b:pay_2", T0.plusSeconds(10))).isFalse();
    assertThat(current(TILL_1, T0.plusSeconds(10)).holder()).isEqualTo("hub-a:pay_1");
  }

  @Test
  void tryAcquire_leasesAreIndependentPerTerminal() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    assertThat(acquire(TILL_2, "hub-b:pay_2", T0)).isTrue();
  }

  @Test
  void tryAcquire_sameHolder_isReentrantAndExtendsTheExpiry() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    assertThat(acquire(TILL_1, "hub-a:pay_1", T0.plusSeconds(100))).isTrue();

    assertThat(current(TILL_1, T0.plusSeconds(100)).expiresAt())
        .isEqualTo(T0.plusSeconds(100).plus(TTL));
  }

  @Test
  void expiredLease_isNotCurrentAndLetsAnotherHolderIn() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    Instant later = T0.plus(TTL).plusSeconds(1);

    assertThat(current(TILL_1, later)).isNull();
    assertThat(acquire(TILL_1, "hub-b:pay_2", later)).isTrue();
    assertThat(current(TILL_1, later).holder()).isEqualTo("hub-b:pay_2");
  }

  @Test
  void release_byTheHolder_freesTheTerminal() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    txRun(() -> leases.release(TILL_1, "hub-a:pay_1"));

    assertThat(current(TILL_1, T0)).isNull();
    assertThat(acquire(TILL_1, "hub-b:pay_2", T0)).isTrue();
  }

  @Test
  void release_byAnotherHolder_isANoOp() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    txRun(() -> leases.release(TILL_1, "hub-b:pay_2"));

    assertThat(current(TILL_1, T0).holder()).isEqualTo("hub-a:pay_1");
    assertThat(acquire(TILL_1, "hub-b:pay_2", T0)).isFalse();
  }

  @Test
  void release_whenNothingIsHeld_isANoOp() {
    txRun(() -> leases.release(TILL_1, "hub-a:pay_1"));

    assertThat(current(TILL_1, T0)).isNull();
  }

  @Test
  void releaseAllHeldBy_releasesEveryLeaseOfThatInstanceOnly() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    acquire(TILL_2, "hub-ab:pay_2", T0);

    assertThat(tx(() -> leases.releaseAllHeldBy("hub-a"))).isEqualTo(1);

    assertThat(current(TILL_1, T0)).isNull();
    assertThat(current(TILL_2, T0).holder()).isEqualTo("hub-ab:pay_2");
    assertThat(acquire(TILL_1, "hub-b:pay_3", T0)).isTrue();
  }

  @Test
  void releaseAllHeldBy_takesTheIdLiterally_noWildcards() {
    acquire(TILL_1, "hubXa:pay_1", T0);
    acquire(TILL_2, "hub-1:pay_2", T0);

    assertThat(tx(() -> leases.releaseAllHeldBy("hub_a"))).isZero();
    assertThat(tx(() -> leases.releaseAllHeldBy("hub%"))).isZero();
    assertThat(tx(() -> leases.releaseAllHeldBy("hub-1:pay"))).isZero();

    assertThat(current(TILL_1, T0).holder()).isEqualTo("hubXa:pay_1");
    assertThat(current(TILL_2, T0).holder()).isEqualTo("hub-1:pay_2");
  }

  @Test
  void releaseAllHeldBy_alsoRemovesExpiredLeasesOfThatInstance() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    acquire(TILL_2, "hub-a:pay_2", T0);
    Instant later = T0.plus(TTL).plusSeconds(1);

    assertThat(tx(() -> leases.releaseAllHeldBy("hub-a"))).isEqualTo(2);
    assertThat(current(TILL_1, T0)).isNull();
    assertThat(current(TILL_2, later)).isNull();
  }

  @Test
  void renew_byTheHolderBeforeExpiry_movesTheExpiry() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    Instant later = T0.plus(TTL).minusSeconds(1);

    assertThat(renew(TILL_1, "hub-a:pay_1", later)).isTrue();

    assertThat(current(TILL_1, later.plus(TTL).minusSeconds(1)).expiresAt())
        .isEqualTo(later.plus(TTL));
    assertThat(acquire(TILL_1, "hub-b:pay_2", T0.plus(TTL).plusSeconds(1))).isFalse();
  }

  @Test
  void renew_afterExpiry_isRefusedEvenIfNobodyTookTheLease() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    Instant expired = T0.plus(TTL);

    assertThat(renew(TILL_1, "hub-a:pay_1", expired)).isFalse();

    assertThat(current(TILL_1, expired)).isNull();
    assertThat(acquire(TILL_1, "hub-b:pay_2", expired)).isTrue();
  }

  @Test
  void renew_byAnotherHolder_orAfterRelease_isRefused() {
    acquire(TILL_1, "hub-a:pay_1", T0);

    assertThat(renew(TILL_1, "hub-b:pay_2", T0.plusSeconds(1))).isFalse();
    assertThat(current(TILL_1, T0.plusSeconds(1)).expiresAt()).isEqualTo(T0.plus(TTL));

    txRun(() -> leases.release(TILL_1, "hub-a:pay_1"));
    assertThat(renew(TILL_1, "hub-a:pay_1", T0.plusSeconds(2))).isFalse();
    assertThat(current(TILL_1, T0.plusSeconds(2))).isNull();
  }

  @Test
  void renew_aLeaseTakenOverAfterExpiry_isRefused() {
    acquire(TILL_1, "hub-a:pay_1", T0);
    Instant later = T0.plus(TTL).plusSeconds(1);
    acquire(TILL_1, "hub-b:pay_2", later);

    assertThat(renew(TILL_1, "hub-a:pay_1", later.plusSeconds(1))).isFalse();
    assertThat(current(TILL_1, later.plusSeconds(1)).holder()).isEqualTo("hub-b:pay_2");
  }

  @Test
  void current_freeTerminal_isEmpty() {
    assertThat(current(TILL_1, T0)).isNull();
  }

  @Test
  void tryAcquire_racingHolders_exactlyOneWins() throws Exception {
    int racers = 4;
    pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String holder = "hub-" + i + ":pay_" + i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                return acquire(TILL_1, holder, T0);
              }));
    }
    start.countDown();

    int wins = 0;
    for (Future<Boolean> f : results) {
      wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertThat(wins).isEqualTo(1);
    assertThat(current(TILL_1, T0)).isNotNull();
  }

  private boolean acquire(TerminalId id, String holder, Instant now) {
    return tx(() -> leases.tryAcquire(id, holder, TTL, now));
  }

  private boolean renew(TerminalId id, String holder, Instant now) {
    return tx(() -> leases.renew(id, holder, TTL, now));
  }

  private TerminalLeases.Lease current(TerminalId id, Instant now) {
    return tx(() -> leases.current(id, now)).orElse(null);
  }
}
