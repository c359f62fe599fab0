package io.ecrhub.app.persistence.contract;

import io.ecrhub.app.persistence.PanacheStoreCloudAccounts;
import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.StoreCloudAccountsContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * The domain's {@link StoreCloudAccounts} contract against the Panache adapter (H2 or PostgreSQL),
 * client keys sealed with the test master key.
 */
@QuarkusTest
class PanacheStoreCloudAccountsContractTest extends StoreCloudAccountsContract {
  @Inject PanacheStoreCloudAccounts adapter;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected StoreCloudAccounts create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM store_cloud_account"));
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}
