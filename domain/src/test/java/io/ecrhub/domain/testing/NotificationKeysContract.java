package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.NotificationKeys;
import io.ecrhub.domain.notification.NotificationKeys.StoredKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link NotificationKeys}: a key round-trips with its routes (in order), description
 * and creation time; ids are unique; {@link NotificationKeys#all} is oldest first; delete says
 * whether there was one. Subclass it once per adapter; {@link #create()} returns an empty store.
 */
public abstract class NotificationKeysContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private NotificationKeys keys;

  /** An empty store. */
  protected abstract NotificationKeys create();

  @BeforeEach
  void setUpStore() {
    keys = create();
  }

  private static StoredKey key(String id, Instant createdAt, String... routes) {
    return new StoredKey(
        id,
        NotificationKey.of("notify-key-of-" + id),
        new LinkedHashSet<>(List.of(routes)),
        "ERP " + id,
        createdAt);
  }

  private void insert(StoredKey k) {
    txRun(() -> keys.insert(k));
  }

  @Test
  void insert_thenAll_returnsEveryFieldAndTheKey() {
    insert(key("key_erp", T0, "m-123", "POS-", "app.code_9"));

    List<StoredKey> all = tx(() -> keys.all());

    assertThat(all).hasSize(1);
    StoredKey found = all.get(0);
    assertThat(found.id()).isEqualTo("key_erp");
    assertThat(found.key().reveal()).isEqualTo("notify-key-of-key_erp");
    assertThat(found.routes()).containsExactly("m-123", "POS-", "app.code_9");
    assertThat(found.description()).isEqualTo("ERP key_erp");
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(tx(() -> keys.find("key_erp"))).contains(found);
  }

  @Test
  void noRoutesAndNoDescription_roundTrip() {
    insert(new StoredKey("key_bare", NotificationKey.of("bare-key"), Set.of(), null, T0));

    StoredKey found = tx(() -> keys.find("key_bare")).orElseThrow();
    assertThat(found.routes()).isEmpty();
    assertThat(found.description()).isNull();
  }

  @Test
  void exists_saysWhetherTheIdIsStored() {
    insert(key("key_a", T0));

    assertThat(tx(() -> keys.exists("key_a"))).isTrue();
    assertThat(tx(() -> keys.exists("key_b"))).isFalse();
    assertThat(tx(() -> keys.find("key_b"))).isEmpty();
  }

  @Test
  void insert_ofAStoredId_fails_andKeepsTheFirst() {
    insert(key("key_a", T0));

    assertThatThrownBy(() -> insert(key("key_a", T0.plusSeconds(1)))).isInstanceOf(Exception.class);
    assertThat(tx(() -> keys.all())).extracting(StoredKey::createdAt).containsExactly(T0);
  }

  @Test
  void all_isOldestFirst_thenById() {
    insert(key("key_c", T0.plusSeconds(5)));
    insert(key("key_b", T0));
    insert(key("key_a", T0));

    assertThat(tx(() -> keys.all()))
        .extracting(StoredKey::id)
        .containsExactly("key_a", "key_b", "key_c");
  }

  @Test
  void delete_removesIt_andSaysWhetherThereWasOne() {
    insert(key("key_a", T0));
    insert(key("key_b", T0.plusSeconds(1)));

    assertThat(tx(() -> keys.delete("key_a"))).isTrue();
    assertThat(tx(() -> keys.delete("key_a"))).isFalse();
    assertThat(tx(() -> keys.exists("key_a"))).isFalse();
    assertThat(tx(() -> keys.all())).extracting(StoredKey::id).containsExactly("key_b");
  }

  @Test
  void longestValues_fit() {
    String id = "k".repeat(64);
    Set<String> routes = new LinkedHashSet<>();
    for (int i = 0; i < 20; i++) {
      routes.add(String.format("%02d", i) + "r".repeat(62));
    }
    StoredKey k =
        new StoredKey(id, NotificationKey.of("s".repeat(256)), routes, "d".repeat(200), T0);
    insert(k);

    StoredKey found = tx(() -> keys.find(id)).orElseThrow();
    assertThat(found.key().reveal()).isEqualTo("s".repeat(256));
    assertThat(found.routes()).containsExactlyElementsOf(routes);
    assertThat(found.description()).hasSize(200);
  }
}
