package io.ecrhub.app.notify.persistence;

import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationInboxContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/** The domain's inbox contract against the SQL adapter (H2, or PostgreSQL with the pg profile). */
@QuarkusTest
class SqlNotificationInboxTest extends NotificationInboxContract {
  @Inject SqlNotificationInbox sqlInbox;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected NotificationInbox create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM notification_inbox"));
    return sqlInbox;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
