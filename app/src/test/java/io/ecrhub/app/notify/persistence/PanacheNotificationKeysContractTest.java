package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.NotificationKeys;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationKeysContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * The domain's {@link NotificationKeys} contract against the Panache adapter (H2 or PostgreSQL),
 * keys sealed with the test master key.
 */
@QuarkusTest
class PanacheNotificationKeysContractTest extends NotificationKeysContract {
  @Inject PanacheNotificationKeys adapter;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected NotificationKeys create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM notification_key"));
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
