package io.ecrhub.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.testing.InMemoryApiKeys;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.SequenceIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {
  private static final String PLAINTEXT = "ehk_abcdefghijklmnopqrstuvwxyz234567abcdefgh";

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final InMemoryApiKeys keys = new InMemoryApiKeys();
  private final List<String> revoked = new ArrayList<>();
  private final ManageApiKeys manage =
      new ApiKeyRegistry(keys, new SequenceIds("k"), clock, () -> PLAINTEXT, revoked::add);

  @Test
  void create_storesOnlyTheHashAndAPrefix_andReturnsThePlaintextOnce() {
    ManageApiKeys.Created c =
        manage.create(
            new ManageApiKeys.Create("  Front desk ", Role.CASHIER, new Scope(Set.of("s1"), null)));

    ApiKey stored = keys.findById(c.key().id()).orElseThrow();
    assertThat(c.plaintext()).isEqualTo(PLAINTEXT);
    assertThat(stored.id()).startsWith("key_");
    assertThat(stored.name()).isEqualTo("Front desk");
    assertThat(stored.keyHash()).isEqualTo(KeyHashing.hash(PLAINTEXT)).doesNotContain(PLAINTEXT);
    assertThat(stored.keyPrefix()).isEqualTo("ehk_abcd");
    assertThat(stored.role()).isEqualTo(Role.CASHIER);
    assertThat(stored.scope().stores()).containsExactly("s1");
    assertThat(stored.createdAt()).isEqualTo(clock.instant());
    assertThat(c.toString()).doesNotContain(PLAINTEXT);
  }

  @Test
  void create_withoutAScope_reachesEveryTerminal() {
    ManageApiKeys.Created c = manage.create(new ManageApiKeys.Create("ops", Role.ADMIN, null));

    assertThat(c.key().scope()).isEqualTo(Scope.ALL);
  }

  @Test
  void create_refusesAMissingOrLongName() {
    for (String name : new String[] {null, " ", "x".repeat(101)}) {
      assertThatThrownBy(() -> new ManageApiKeys.Create(name, Role.ADMIN, Scope.ALL))
          .isInstanceOf(ValidationException.class)
          .extracting(e -> ((DomainException) e).code())
          .isEqualTo("INVALID_NAME");
    }
  }

  @Test
  void revoke_marksTheKeyRevoked_andAnnouncesIt() {
    ApiKey key = manage.create(new ManageApiKeys.Create("ops", Role.ADMIN, Scope.ALL)).key();
    clock.advance(Duration.ofMinutes(1));

    ApiKey after = manage.revoke(key.id());

    assertThat(after.revoked()).isTrue();
    assertThat(after.revokedAt()).isEqualTo(clock.instant());
    assertThat(revoked).containsExactly(key.id());
  }

  @Test
  void unknownKeys_areNotFound_andNothingIsAnnounced() {
    assertThatThrownBy(() -> manage.revoke("key_nope"))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("API_KEY_NOT_FOUND");
    assertThatThrownBy(() -> manage.get("key_nope")).isInstanceOf(NotFoundException.class);
    assertThat(revoked).isEmpty();
  }

  @Test
  void list_pagesKeysInIdOrder() {
    for (int i = 0; i < 3; i++) {
      manage.create(new ManageApiKeys.Create("k" + i, Role.CASHIER, Scope.ALL));
    }

    var first = manage.list(null, 2);
    var second = manage.list(first.nextCursor(), 2);

    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1);
    assertThat(second.nextCursor()).isNull();
  }
}
