package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.idempotency.IdempotentRequests;
import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key store on the real database: one claim wins, a done key stays. */
@QuarkusTest
class PanacheIdempotentRequestsTest {
  @Inject PanacheIdempotentRequests requests;

  private final Instant at = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void ofRacingClaims_exactlyOneWins() throws Exception {
    String key = Api.unique("k:");
    CountDownLatch start = new CountDownLatch(1);
    Callable<Boolean> claim =
        () -> {
          start.await();
          return requests.claim("refund", key, "pay_1|full", at);
        };
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> futures =
          List.of(pool.submit(claim), pool.submit(claim), pool.submit(claim), pool.submit(claim));
      start.countDown();
      long won = 0;
      for (Future<Boolean> f : futures) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCompletedKey_keepsItsAnswer_andCannotBeReleased() {
    String key = Api.unique("k:");
    assertThat(requests.claim("receipt", key, "trm|pay", at)).isTrue();
    assertThat(requests.find("receipt", key))
        .hasValueSatisfying(e -> assertThat(e.completed()).isFalse());
    requests.complete(
        "receipt", key, null, 200, "application/json", "{\"result\":\"DONE\"}", at.plusSeconds(1));
    requests.release("receipt", key);

    IdempotentRequests.Entry e = requests.find("receipt", key).orElseThrow();
    assertThat(e.completed()).isTrue();
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.body()).isEqualTo("{\"result\":\"DONE\"}");
    assertThat(e.fingerprint()).isEqualTo("trm|pay");
    assertThat(requests.claim("receipt", key, "trm|pay", at)).isFalse();
    assertThat(requests.claim("summary", key, "trm", at)).as("keys are per operation").isTrue();
  }

  @Test
  void anUnfinishedClaim_isReleased_andCanBeClaimedAgain() {
    String key = Api.unique("k:");
    assertThat(requests.claim("cancel", key, "pay_2", at)).isTrue();
    requests.release("cancel", key);
    assertThat(requests.find("cancel", key)).isEmpty();
    assertThat(requests.claim("cancel", key, "pay_2", at)).isTrue();
  }
}
