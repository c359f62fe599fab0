package io.ecrhub.domain.testing;

import io.ecrhub.domain.diagnostics.NotificationFacts;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.transaction.Payments;

class InMemoryNotificationHealthTest extends NotificationHealthContract {
  private InMemoryPayments payments;
  private InMemoryNotificationInbox inbox;
  private boolean storedKey;

  @Override
  protected Payments payments() {
    payments = new InMemoryPayments();
    return payments;
  }

  @Override
  protected NotificationInbox inbox() {
    inbox = new InMemoryNotificationInbox();
    storedKey = false;
    return inbox;
  }

  @Override
  protected NotificationHealth health(boolean keyInConfiguration, String publicUrl) {
    return new InMemoryNotificationHealth(
        payments,
        inbox,
        () -> keyInConfiguration || storedKey,
        publicUrl == null ? null : publicUrl + NotificationFacts.NOTIFY_PATH);
  }

  @Override
  protected void storeKey() {
    storedKey = true;
  }
}
