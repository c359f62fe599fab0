package io.ecrhub.domain.testing;

import io.ecrhub.domain.merchant.MerchantFakes;
import io.ecrhub.domain.merchant.MmsDeviceSettings;

class InMemoryMmsDeviceSettingsTest extends MmsDeviceSettingsContract {
  @Override
  protected MmsDeviceSettings create() {
    return new MerchantFakes.InMemoryMmsSettings();
  }
}
