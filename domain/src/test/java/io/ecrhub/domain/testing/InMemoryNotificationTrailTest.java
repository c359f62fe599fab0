package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.transaction.NotificationTrail;

class InMemoryNotificationTrailTest extends NotificationTrailContract {
  private InMemoryNotificationInbox inbox;

  @Override
  protected NotificationInbox create() {
    inbox = new InMemoryNotificationInbox();
    return inbox;
  }

  @Override
  protected NotificationTrail trail() {
    return inbox;
  }
}
