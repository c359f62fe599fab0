package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudSignType;
import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link StoreCloudAccounts}: an account round-trips with every field and its key; one
 * account per store (a second is {@code CLOUD_ACCOUNT_EXISTS}); a change bumps the version and the
 * stamp, a stale change is refused; lists page by id and filter by store; delete says whether there
 * was one. Subclass it once per adapter; {@link #create()} returns an empty store.
 */
public abstract class StoreCloudAccountsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private StoreCloudAccounts accounts;

  /** An empty store. */
  protected abstract StoreCloudAccounts create();

  @BeforeEach
  void setUpStore() {
    accounts = create();
  }

  private static StoreCloudAccount account(String id, String store) {
    return new StoreCloudAccount(
        id,
        store,
        null,
        "https://openapi-test.example/qf",
        "APP" + id.toUpperCase(),
        "mch-" + store,
        CloudSignType.SHA256,
        ClientKey.of("client-key-of-" + id),
        null,
        T0,
        T0,
        0);
  }

  private StoreCloudAccount save(StoreCloudAccount a) {
    return tx(() -> accounts.save(a));
  }

  @Test
  void save_thenFind_returnsEveryFieldAndTheKey() {
    StoreCloudAccount stored = save(account("ca_1", "store-a"));

    assertThat(stored.version()).isEqualTo(1);
    StoreCloudAccount found = tx(() -> accounts.find("ca_1")).orElseThrow();
    assertThat(found.storeId()).isEqualTo("store-a");
    assertThat(found.environment()).isNull();
    assertThat(found.url()).isEqualTo("https://openapi-test.example/qf");
    assertThat(found.appCode()).isEqualTo("APPCA_1");
    assertThat(found.mchid()).isEqualTo("mch-store-a");
    assertThat(found.signType()).isEqualTo(CloudSignType.SHA256);
    assertThat(found.clientKey().reveal()).isEqualTo("client-key-of-ca_1");
    assertThat(found.usable()).isTrue();
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.updatedAt()).isEqualTo(T0);
    assertThat(found.version()).isEqualTo(1);
    assertThat(tx(() -> accounts.findByStore("store-a"))).contains(found);
    assertThat(tx(() -> accounts.findByStore("store-b"))).isEmpty();
    assertThat(tx(() -> accounts.find("ca_2"))).isEmpty();
  }

  @Test
  void environmentAndNoMchid_roundTrip() {
    save(
        new StoreCloudAccount(
            "ca_env",
            "store-env",
            "sandbox",
            null,
            "APPENV",
            null,
            CloudSignType.MD5,
            ClientKey.of("0123456789abcdef"),
            null,
            T0,
            T0,
            0));

    StoreCloudAccount found = tx(() -> accounts.find("ca_env")).orElseThrow();
    assertThat(found.environment()).isEqualTo("sandbox");
    assertThat(found.url()).isNull();
    assertThat(found.mchid()).isNull();
    assertThat(found.signType()).isEqualTo(CloudSignType.MD5);
  }

  @Test
  void secondAccountOfAStore_isRefused() {
    save(account("ca_1", "store-a"));

    assertThatThrownBy(() -> save(account("ca_2", "store-a")))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CLOUD_ACCOUNT_EXISTS");
    assertThat(tx(() -> accounts.find("ca_2"))).isEmpty();
  }

  @Test
  void change_bumpsTheVersionAndTheStamp_andAStaleChangeIsRefused() {
    StoreCloudAccount v1 = save(account("ca_1", "store-a"));
    assertThat(tx(() -> accounts.stampOf("store-a")))
        .contains(new StoreCloudAccounts.Stamp("ca_1", 1));

    StoreCloudAccount v2 =
        save(
            v1.changed(
                "production",
                null,
                "NEWAPP",
                null,
                CloudSignType.MD5,
                ClientKey.of("replaced-key-1"),
                T0.plusSeconds(60)));

    assertThat(v2.version()).isEqualTo(2);
    StoreCloudAccount found = tx(() -> accounts.find("ca_1")).orElseThrow();
    assertThat(found.appCode()).isEqualTo("NEWAPP");
    assertThat(found.environment()).isEqualTo("production");
    assertThat(found.url()).isNull();
    assertThat(found.mchid()).isNull();
    assertThat(found.clientKey().reveal()).isEqualTo("replaced-key-1");
    assertThat(found.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(tx(() -> accounts.stampOf("store-a")))
        .contains(new StoreCloudAccounts.Stamp("ca_1", 2));
    assertThatThrownBy(() -> save(v1)).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void list_pagesById_andFiltersByStore() {
    for (int i = 1; i <= 5; i++) {
      save(account("ca_" + i, "store-" + i));
    }

    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String c = cursor;
      Page<StoreCloudAccount> page = tx(() -> accounts.list(Set.of(), c, 2));
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().forEach(a -> ids.add(a.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertThat(ids).containsExactly("ca_1", "ca_2", "ca_3", "ca_4", "ca_5");

    Page<StoreCloudAccount> scoped =
        tx(() -> accounts.list(Set.of("store-2", "store-4", "store-9"), null, 10));
    assertThat(scoped.items()).extracting(StoreCloudAccount::id).containsExactly("ca_2", "ca_4");
    assertThat(scoped.nextCursor()).isNull();
    assertThat(tx(() -> accounts.stores()))
        .containsExactly("store-1", "store-2", "store-3", "store-4", "store-5");
  }

  @Test
  void delete_removesTheAccount_andSaysWhetherThereWasOne() {
    assertThat(tx(() -> accounts.any())).isFalse();
    save(account("ca_1", "store-a"));
    assertThat(tx(() -> accounts.any())).isTrue();

    assertThat(tx(() -> accounts.delete("ca_1"))).isTrue();
    assertThat(tx(() -> accounts.delete("ca_1"))).isFalse();
    assertThat(tx(() -> accounts.findByStore("store-a"))).isEmpty();
    assertThat(tx(() -> accounts.stampOf("store-a"))).isEmpty();
    assertThat(tx(() -> accounts.any())).isFalse();
    save(account("ca_2", "store-a"));
    assertThat(tx(() -> accounts.findByStore("store-a")).orElseThrow().id()).isEqualTo("ca_2");
  }
}
