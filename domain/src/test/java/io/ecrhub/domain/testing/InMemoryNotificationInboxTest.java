package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.NotificationInbox;

class InMemoryNotificationInboxTest extends NotificationInboxContract {
  @Override
  protected NotificationInbox create() {
    return new InMemoryNotificationInbox();
  }
}
