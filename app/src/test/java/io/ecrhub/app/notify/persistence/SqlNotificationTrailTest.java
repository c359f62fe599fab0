package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationTrailContract;
import io.ecrhub.domain.transaction.NotificationTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/** The domain's notification-trail contract against the SQL adapters (H2, or PostgreSQL). */
@QuarkusTest
class SqlNotificationTrailTest extends NotificationTrailContract {
  @Inject SqlNotificationInbox sqlInbox;
  @Inject SqlNotificationTrail sqlTrail;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected NotificationInbox create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM notification_inbox"));
    return sqlInbox;
  }

  @Override
  protected NotificationTrail trail() {
    return sqlTrail;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
