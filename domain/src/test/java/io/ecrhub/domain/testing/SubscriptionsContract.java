package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Subscriptions}: every field (the secret too) round-trips, a save of a known id
 * replaces it, delete says whether there was one, and {@link Subscriptions#active} lists the active
 * ones of one format. Subclass it once per adapter; {@link #create()} returns an empty store.
 */
public abstract class SubscriptionsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private Subscriptions subscriptions;

  /** An empty store. */
  protected abstract Subscriptions create();

  /**
   * A second adapter on the store {@link #create()} returned, as another hub instance would have;
   * null (the default) when reads always see the store, as in memory.
   */
  protected Subscriptions sameStoreElsewhere() {
    return null;
  }

  @BeforeEach
  void setUpStore() {
    subscriptions = create();
  }

  private static Subscription subscription(
      String id, DeliveryFormat format, boolean active, Instant createdAt) {
    return new Subscription(
        id,
        URI.create("https://erp.example.com/qfpay/notify?till=" + id),
        EventFilter.of("payment.succeeded", "refund.*"),
        format,
        WebhookSecret.of("secret-of-" + id),
        false,
        active,
        "ERP " + id,
        createdAt);
  }

  private Subscription save(Subscription s) {
    return tx(() -> subscriptions.save(s));
  }

  private Subscription find(String id) {
    return tx(() -> subscriptions.findById(id)).orElseThrow();
  }

  @Test
  void save_thenFindById_returnsEveryFieldAndTheSecret() {
    Subscription s = subscription("erp-1", DeliveryFormat.QFPAY, true, T0);
    save(s);

    Subscription found = find("erp-1");

    assertThat(found).isEqualTo(s);
    assertThat(found.secret().reveal()).isEqualTo("secret-of-erp-1");
  }

  @Test
  void aRotatedSubscription_keepsItsPreviousSecretAndTheEndOfTheOverlap() {
    Instant until = Instant.parse("2999-01-01T00:00:00Z");
    Subscription s =
        new Subscription(
            "erp-rot",
            URI.create("https://erp.example.com/hook"),
            EventFilter.of("*"),
            DeliveryFormat.HUB_EVENTS,
            WebhookSecret.of("whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldw=="),
            false,
            true,
            null,
            T0,
            WebhookSecret.of("k".repeat(256)),
            until);
    save(s);

    Subscription found = find("erp-rot");
    assertThat(found).isEqualTo(s);
    assertThat(found.previousSecret().reveal()).isEqualTo("k".repeat(256));
    assertThat(found.previousSecretUntil()).isEqualTo(until);

    save(found.withSecret(WebhookSecret.of("whsec_c2VjcmV0LXNlY3JldA==")));
    assertThat(find("erp-rot").previousSecret()).isNull();
    assertThat(find("erp-rot").previousSecretUntil()).isNull();
  }

  @Test
  void findById_unknown_isEmpty() {
    assertThat(tx(() -> subscriptions.findById("none"))).isEmpty();
  }

  @Test
  void longestValues_fit() {
    String target = "https://erp.example.com/" + "p".repeat(2000 - 24);
    Subscription s =
        new Subscription(
            "s".repeat(64),
            URI.create(target),
            EventFilter.of("*"),
            DeliveryFormat.HUB_EVENTS,
            WebhookSecret.of("k".repeat(256)),
            true,
            false,
            "d".repeat(200),
            T0);
    save(s);

    Subscription found = find("s".repeat(64));
    assertThat(found).isEqualTo(s);
    assertThat(found.target().toString()).hasSize(2000);
    assertThat(found.secret().reveal()).isEqualTo("k".repeat(256));
  }

  @Test
  void widestEventFilter_fits() {
    Subscription s =
        new Subscription(
            "erp-wide",
            URI.create("https://erp.example.com/hook"),
            EventFilters.widest(),
            DeliveryFormat.HUB_EVENTS,
            WebhookSecret.of("whsec_c2VjcmV0LXNlY3JldA=="),
            true,
            false,
            "",
            T0);
    save(s);

    assertThat(find("erp-wide").events()).isEqualTo(s.events());
    assertThat(find("erp-wide").events().text()).hasSize(2000);
  }

  @Test
  void save_ofAKnownId_replacesItsChangeableFields() {
    save(subscription("erp-1", DeliveryFormat.QFPAY, true, T0));
    Subscription changed =
        new Subscription(
            "erp-1",
            URI.create("http://10.0.0.5:8069/qfpay/notify"),
            EventFilter.of("*"),
            DeliveryFormat.HUB_EVENTS,
            WebhookSecret.of("rotated-secret"),
            true,
            false,
            null,
            T0);
    save(changed);

    assertThat(find("erp-1")).isEqualTo(changed);
    assertThat(tx(() -> subscriptions.list())).hasSize(1);
  }

  @Test
  void list_returnsEverySubscription_andActiveOnlyTheActiveOfThatFormat() {
    save(subscription("a-qfpay", DeliveryFormat.QFPAY, true, T0));
    save(subscription("b-paused", DeliveryFormat.QFPAY, false, T0.plusSeconds(1)));
    save(subscription("c-events", DeliveryFormat.HUB_EVENTS, true, T0.plusSeconds(2)));

    assertThat(tx(() -> subscriptions.list()))
        .extracting(Subscription::id)
        .containsExactlyInAnyOrder("a-qfpay", "b-paused", "c-events");
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.QFPAY)))
        .extracting(Subscription::id)
        .containsExactly("a-qfpay");
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.HUB_EVENTS)))
        .extracting(Subscription::id)
        .containsExactly("c-events");

    save(find("b-paused").withActive(true));
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.QFPAY)))
        .extracting(Subscription::id)
        .containsExactlyInAnyOrder("a-qfpay", "b-paused");
  }

  @Test
  void delete_removesIt_andSaysWhetherThereWasOne() {
    save(subscription("erp-1", DeliveryFormat.QFPAY, true, T0));
    save(subscription("erp-2", DeliveryFormat.QFPAY, true, T0));
    assertThat(tx(() -> subscriptions.list())).hasSize(2); // read before: no stale copy after

    assertThat(tx(() -> subscriptions.delete("erp-1"))).isTrue();
    assertThat(tx(() -> subscriptions.delete("erp-1"))).isFalse();
    assertThat(tx(() -> subscriptions.findById("erp-1"))).isEmpty();
    assertThat(tx(() -> subscriptions.list()))
        .extracting(Subscription::id)
        .containsExactly("erp-2");
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.QFPAY)))
        .extracting(Subscription::id)
        .containsExactly("erp-2");
  }

  @Test
  void eventFilter_roundTripsEveryPattern() {
    Subscription s =
        new Subscription(
            "erp-f",
            URI.create("https://erp.example.com/hook"),
            new EventFilter(Set.of("payment.succeeded", "payment.unknown_resolved", "preauth.*")),
            DeliveryFormat.HUB_EVENTS,
            WebhookSecret.of("whsec_c2VjcmV0LXNlY3JldA=="),
            false,
            true,
            "",
            T0);
    save(s);

    assertThat(find("erp-f").events()).isEqualTo(s.events());
    assertThat(find("erp-f").description()).isEmpty();
  }

  @Test
  void invalidate_thenReads_seeChangesMadeElsewhere() {
    save(subscription("a-qfpay", DeliveryFormat.QFPAY, true, T0));
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.QFPAY))) // read (a copy may be kept)
        .extracting(Subscription::id)
        .containsExactly("a-qfpay");
    Subscriptions elsewhere = sameStoreElsewhere();
    Subscription added = subscription("b-qfpay", DeliveryFormat.QFPAY, true, T0.plusSeconds(1));
    tx(() -> (elsewhere == null ? subscriptions : elsewhere).save(added));

    subscriptions.invalidate();

    assertThat(tx(() -> subscriptions.list()))
        .extracting(Subscription::id)
        .containsExactlyInAnyOrder("a-qfpay", "b-qfpay");
    assertThat(tx(() -> subscriptions.active(DeliveryFormat.QFPAY)))
        .extracting(Subscription::id)
        .containsExactlyInAnyOrder("a-qfpay", "b-qfpay");
  }
}
