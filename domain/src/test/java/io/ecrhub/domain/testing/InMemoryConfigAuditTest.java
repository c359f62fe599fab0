package io.ecrhub.domain.testing;

import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.MerchantFakes;

class InMemoryConfigAuditTest extends ConfigAuditContract {
  @Override
  protected ConfigAudit create() {
    return new MerchantFakes.InMemoryAudit();
  }
}
