package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import org.junit.jupiter.api.Test;

class InMemoryApiKeysTest {
  private final InMemoryApiKeys keys = new InMemoryApiKeys();

  @Test
  void findsByHash_andRevokesOnce() {
    ApiKey k =
        keys.insert(
            new ApiKey(
                "key_1",
                "ops",
                "hash-1",
                "ehk_ab12",
                Role.ADMIN,
                Scope.ALL,
                MutableClock.DEFAULT_START,
                null));

    assertThat(keys.findByHash("hash-1")).contains(k);
    assertThat(keys.revoke("key_1", MutableClock.DEFAULT_START.plusSeconds(1))).isTrue();
    assertThat(keys.revoke("key_1", MutableClock.DEFAULT_START.plusSeconds(9))).isTrue();
    assertThat(keys.findById("key_1").orElseThrow().revokedAt())
        .isEqualTo(MutableClock.DEFAULT_START.plusSeconds(1));
    assertThat(keys.revoke("key_2", MutableClock.DEFAULT_START)).isFalse();
  }
}
