package io.ecrhub.app.notify.api;

import io.ecrhub.domain.notification.ApplyResult;
import io.ecrhub.domain.notification.InboxEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON views of the notification admin API (never a key). */
@RegisterForReflection
final class NotificationViews {
  private NotificationViews() {}

  /** One notification in a listing. */
  @Schema(name = "NotificationSummary")
  record Summary(
      String id,
      Instant receivedAt,
      String status,
      String type,
      String syssn,
      String tradeRef,
      String syssnRef,
      String keyId,
      String sourceAddress,
      String note) {
    static Summary of(InboxEntry e) {
      String type = null;
      String syssn = null;
      if (e.dedupeKey() != null) {
        int i = e.dedupeKey().indexOf(':');
        type = e.dedupeKey().substring(0, i).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        syssn = e.dedupeKey().substring(i + 1);
      }
      return new Summary(
          e.id(),
          e.receivedAt(),
          e.status().name().toLowerCase(java.util.Locale.ROOT),
          type,
          syssn,
          e.tradeRef(),
          e.syssnRef(),
          e.keyId(),
          e.sourceAddress(),
          e.note());
    }
  }

  /** One notification with its raw body (as text, and base64 for exact bytes) and headers. */
  @Schema(name = "NotificationDetail")
  record Detail(
      Summary summary, String rawBody, String rawBodyBase64, Map<String, String> headers) {
    static Detail of(InboxEntry e) {
      byte[] raw = e.rawBody();
      return new Detail(
          Summary.of(e),
          new String(raw, StandardCharsets.UTF_8),
          Base64.getEncoder().encodeToString(raw),
          e.headers());
    }
  }

  /** What a re-apply did. */
  @Schema(name = "NotificationApplied")
  record Applied(String status, String transactionId, String note) {
    static Applied of(ApplyResult r) {
      String id =
          switch (r) {
            case ApplyResult.Applied a -> a.transactionId();
            case ApplyResult.AlreadyApplied a -> a.transactionId();
            case ApplyResult.FlaggedForReview f -> f.transactionId();
            case ApplyResult.Parked p -> null;
            case ApplyResult.Ignored i -> null;
          };
      return new Applied(r.inboxStatus().name().toLowerCase(java.util.Locale.ROOT), id, r.note());
    }
  }

  /** A notification key as listed: never the key itself. */
  @Schema(name = "NotificationKey")
  record Key(
      String id, List<String> routes, String description, Instant createdAt, String source) {}

  /** Request to add a notification key. */
  @Schema(name = "CreatedNotificationKey")
  record NewKey(String id, String key, Set<String> routes, String description) {}
}
