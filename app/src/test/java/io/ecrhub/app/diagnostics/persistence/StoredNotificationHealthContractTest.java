package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.app.notify.persistence.PanacheNotificationKeys;
import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationHealthContract;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * The domain's {@link NotificationHealth} contract against the adapter over the notification inbox,
 * the stored notification keys and the payment look-ups (H2 or PostgreSQL).
 */
@QuarkusTest
class StoredNotificationHealthContractTest extends NotificationHealthContract {
  @Inject Payments payments;
  @Inject SqlNotificationInbox inbox;
  @Inject PanacheNotificationKeys keys;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;
  @Inject PaymentLookups lookups;

  @Override
  protected Payments payments() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery("DELETE FROM refund").executeUpdate();
              em.createNativeQuery("DELETE FROM payment").executeUpdate();
            });
    return payments;
  }

  @Override
  protected NotificationInbox inbox() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery("DELETE FROM notification_inbox").executeUpdate();
              em.createNativeQuery("DELETE FROM notification_key").executeUpdate();
            });
    return inbox;
  }

  @Override
  protected NotificationHealth health(boolean keyInConfiguration, String publicUrl) {
    return new StoredNotificationHealth(
        keys,
        lookups,
        keyInConfiguration ? Optional.of(List.of("my_qfpay_notification_key")) : Optional.empty(),
        () -> Optional.ofNullable(publicUrl));
  }

  @Override
  protected void storeKey() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                keys.insert(
                    new PanacheNotificationKeys.StoredKey(
                        "contract-key",
                        NotificationKey.of("stored_notification_key"),
                        Set.of(),
                        null,
                        Instant.parse("2026-03-02T02:00:00Z"))));
  }

  /** Leaves no stored key behind for the tests that run next in this JVM. */
  @AfterEach
  void removeStoredKey() {
    QuarkusTransaction.requiringNew().run(() -> keys.delete("contract-key"));
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
