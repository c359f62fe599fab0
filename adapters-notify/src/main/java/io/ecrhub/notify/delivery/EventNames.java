package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The names an event is filtered by (see {@link
 * io.ecrhub.domain.notification.delivery.EventFilter}). The first is the one delivered as {@code
 * type}.
 */
final class EventNames {
  private EventNames() {}

  static List<String> of(DomainEvent e) {
    List<String> names = new ArrayList<>();
    if (e instanceof TransactionEvent t) {
      String family = t.type().substring(0, Math.max(0, t.type().indexOf('.')));
      if (t.from() != null && t.from() == t.to()) {
        if (t.type().endsWith(".review_required")) {
          names.add(t.type()); // ADR 0007: delivered as such, still an update for old filters
        }
        names.add(family + ".updated");
        return names;
      }
      names.add(t.type());
      if (t.from() == TransactionStatus.UNKNOWN && t.to().isFinal()) {
        names.add(family + ".unknown_resolved");
      }
      return names;
    }
    names.add(e.type());
    return names;
  }

  static String forNotification(NotificationType type) {
    return switch (type) {
      case PAYMENT -> "payment.succeeded";
      case REFUND -> "refund.succeeded";
      case PREAUTH_RELEASE -> "preauth.released";
    };
  }
}
