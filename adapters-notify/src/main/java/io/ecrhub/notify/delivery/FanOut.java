package io.ecrhub.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.transaction.TransactionEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Records outbox messages for matching subscriptions; called inside the transaction that makes the
 * fact durable, so a message is never lost between "it happened" and "it is queued". QFPay-format
 * subscribers get the notification body as QFPay sent it; hub-event subscribers get the hub's event
 * JSON.
 */
public final class FanOut {
  private final ObjectMapper json = JsonMapper.builder().build();
  private final Subscriptions subscriptions;
  private final DeliveryOutbox outbox;
  private final IdGenerator ids;

  public FanOut(Subscriptions subscriptions, DeliveryOutbox outbox, IdGenerator ids) {
    this.subscriptions = Objects.requireNonNull(subscriptions);
    this.outbox = Objects.requireNonNull(outbox);
    this.ids = Objects.requireNonNull(ids);
  }

  /**
   * Queues a verified QFPay notification for QFPay-format subscribers (unchanged bytes).
   *
   * @return how many messages were recorded
   */
  public int recordNotification(QfpayNotification n, byte[] rawBody, Instant now) {
    if (!n.reportsSuccess()) {
      return 0;
    }
    String name = EventNames.forNotification(n.type());
    return record(DeliveryFormat.QFPAY, List.of(name), name, rawBody, now);
  }

  /**
   * Queues a hub event for hub-event subscribers.
   *
   * @return how many messages were recorded
   */
  public int recordEvent(DomainEvent event, Instant now) {
    List<String> names = EventNames.of(event);
    List<Subscription> targets =
        subscriptions.active(DeliveryFormat.HUB_EVENTS).stream()
            .filter(s -> s.events().matches(names))
            .toList();
    if (targets.isEmpty()) {
      return 0;
    }
    byte[] body = render(event, names.get(0));
    for (Subscription s : targets) {
      outbox.record(OutboxMessage.record("msg_" + ids.next(), s.id(), names.get(0), body, now));
    }
    return targets.size();
  }

  private int record(
      DeliveryFormat format, List<String> names, String type, byte[] body, Instant now) {
    int n = 0;
    for (Subscription s : subscriptions.active(format)) {
      if (s.events().matches(names)) {
        outbox.record(OutboxMessage.record("msg_" + ids.next(), s.id(), type, body, now));
        n++;
      }
    }
    return n;
  }

  /** The hub event JSON: {@code {"type","timestamp","data":{...}}} (Standard Webhooks shape). */
  byte[] render(DomainEvent event, String type) {
    ObjectNode root = json.createObjectNode();
    root.put("type", type);
    root.put("timestamp", event.occurredAt().toString());
    ObjectNode data = root.putObject("data");
    data.put("id", event.aggregateId());
    if (event instanceof TransactionEvent t) {
      data.put("object", t.type().substring(0, Math.max(0, t.type().indexOf('.'))));
      data.put("paymentId", t.paymentId());
      data.put("terminalId", t.terminalId() == null ? null : t.terminalId().value());
      data.put("from", t.from() == null ? null : t.from().name());
      data.put("to", t.to() == null ? null : t.to().name());
      data.put("reason", t.reason());
    }
    try {
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event JSON", e);
    }
  }
}
