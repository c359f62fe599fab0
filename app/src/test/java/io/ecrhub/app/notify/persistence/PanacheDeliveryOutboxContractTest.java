package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.DeliveryOutboxContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The domain's {@link DeliveryOutbox} contract against the SQL adapter (H2 or PostgreSQL). */
@QuarkusTest
class PanacheDeliveryOutboxContractTest extends DeliveryOutboxContract {
  @Inject PanacheDeliveryOutbox adapter;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;
  @Inject Scheduler scheduler;

  /**
   * The contract speaks to the store alone: the hub's delivery pass (sub-second in the tests) would
   * otherwise claim the contract's due messages in the middle of a test, as the notification sweep
   * once did to the inbox contract's rows.
   */
  @AfterEach
  void resumeJobs() {
    scheduler.resume();
  }

  @Override
  protected DeliveryOutbox create() {
    scheduler.pause();
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
