package io.ecrhub.domain.testing;

import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.merchant.MerchantFakes;

class InMemoryHeldSyncsTest extends HeldSyncsContract {
  @Override
  protected HeldSyncs create() {
    return new MerchantFakes.InMemoryHeldSyncs();
  }
}
