package io.ecrhub.domain.testing;

import io.ecrhub.domain.cloud.StoreCloudAccounts;

class InMemoryStoreCloudAccountsTest extends StoreCloudAccountsContract {
  @Override
  protected StoreCloudAccounts create() {
    return new InMemoryStoreCloudAccounts();
  }
}
