package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.delivery.InMemoryDelivery;
import io.ecrhub.domain.notification.delivery.Subscriptions;

class InMemorySubscriptionsTest extends SubscriptionsContract {
  @Override
  protected Subscriptions create() {
    return new InMemoryDelivery.Subs();
  }
}
