package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.DeliveryOutboxContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/** The domain's {@link DeliveryOutbox} contract against the SQL adapter (H2 or PostgreSQL). */
@QuarkusTest
class PanacheDeliveryOutboxContractTest extends DeliveryOutboxContract {
  @Inject PanacheDeliveryOutbox adapter;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected DeliveryOutbox create() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Jdbc jdbc = new Jdbc(dataSource);
              jdbc.update("DELETE FROM webhook_attempt");
              jdbc.update("DELETE FROM webhook_outbox");
            });
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
