package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.shared.SecretSealer;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.SubscriptionsContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The domain's {@link Subscriptions} contract against the SQL adapter (H2 or PostgreSQL), secrets
 * sealed with the test master key.
 */
@QuarkusTest
class PanacheSubscriptionsContractTest extends SubscriptionsContract {
  @Inject PanacheSubscriptions adapter;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;
  @Inject SecretSealer sealer;
  @Inject Clock clock;
  @Inject NotifyRepositories.SubscriptionRepository repo;
  @Inject SealedColumnReseal reseal;

  @Override
  protected Subscriptions create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM webhook_subscription"));
    adapter.invalidate();
    return adapter;
  }

  /** Another instance's adapter: its own cache, the same table. */
  @Override
  protected Subscriptions sameStoreElsewhere() {
    return new PanacheSubscriptions(repo, sealer, reseal, clock);
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
