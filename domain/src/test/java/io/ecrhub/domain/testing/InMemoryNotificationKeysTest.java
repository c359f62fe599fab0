package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.NotificationKeys;

class InMemoryNotificationKeysTest extends NotificationKeysContract {
  @Override
  protected NotificationKeys create() {
    return new InMemoryNotificationKeys();
  }
}
