package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.InMemoryDelivery;

class InMemoryDeliveryOutboxTest extends DeliveryOutboxContract {
  @Override
  protected DeliveryOutbox create() {
    return new InMemoryDelivery.Outbox();
  }
}
