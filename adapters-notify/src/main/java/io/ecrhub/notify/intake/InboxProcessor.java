package io.ecrhub.notify.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.ApplyNotification;
import io.ecrhub.domain.notification.ApplyResult;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Applies stored notifications and records the result on their inbox entry: right after intake,
 * again for parked ones when a matching transaction appears, on an admin's re-apply, and in the
 * periodic sweep. Applying is idempotent, so running it twice is harmless.
 */
public final class InboxProcessor {
  private static final System.Logger LOG = System.getLogger(InboxProcessor.class.getName());
  private final NotificationInbox inbox;
  private final NotificationParser parser;
  private final ApplyNotification applier;
  private final Executor executor;

  public InboxProcessor(
      NotificationInbox inbox,
      NotificationParser parser,
      ApplyNotification applier,
      Executor executor) {
    this.inbox = Objects.requireNonNull(inbox);
    this.parser = Objects.requireNonNull(parser);
    this.applier = Objects.requireNonNull(applier);
    this.executor = Objects.requireNonNull(executor);
  }

  /**
   * Applies a just-stored notification on the executor given at construction (the caller's thread
   * for inline applying); failures and a full queue leave it VERIFIED for the sweep.
   */
  public void applyQuietly(InboxEntry entry, QfpayNotification notification) {
    try {
      executor.execute(() -> applyLogged(entry, notification));
    } catch (RejectedExecutionException e) {
      LOG.log(
          Level.WARNING, "notification {0} stored; applying it is left to the sweep", entry.id());
    }
  }

  /**
   * The applier for notifications applied on the caller's thread, inside the caller's transaction,
   * without recording the result on an inbox entry (the caller stores the entry with it); failures
   * propagate (so that transaction rolls back).
   */
  public ApplyNotification unrecorded() {
    return applier;
  }

  private void applyLogged(InboxEntry entry, QfpayNotification notification) {
    try {
      apply(entry.id(), notification);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "notification {0} stored but not applied yet ({1}); the sweep retries it",
          entry.id(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * Re-applies one stored notification (admin action). Rejected and duplicate entries are never
   * applied, nor is an entry of a {@code notify_type} the hub does not know (stored IGNORED at
   * intake): those are refused with a {@link DomainException} and left as they are.
   */
  public ApplyResult reapply(String entryId) {
    InboxEntry entry =
        inbox
            .findById(entryId)
            .orElseThrow(
                () ->
                    new NotFoundException("NOTIFICATION_NOT_FOUND", "no notification " + entryId));
    if (entry.status() == InboxStatus.REJECTED || entry.status() == InboxStatus.DUPLICATE) {
      throw new DomainException(
          "NOTIFICATION_NOT_APPLICABLE",
          "notification " + entryId + " is " + entry.status() + " and is never applied");
    }
    ObjectNode tree = parser.readTree(entry.rawBody());
    String wireType = NotificationParser.field(tree, "notify_type");
    if (wireType != null && NotificationType.fromWire(wireType).isEmpty()) {
      // stored IGNORED at intake: a type QFPay may have added, which the hub has no rule for
      throw new DomainException(
          "NOTIFICATION_TYPE_NOT_APPLIED",
          "notification "
              + entryId
              + " has notify_type '"
              + NotificationIntake.printableType(wireType)
              + "', which the hub does not apply; it stays "
              + entry.status());
    }
    return apply(entry.id(), parser.toNotification(tree));
  }

  /**
   * Re-applies parked notifications that refer to a transaction that just appeared or changed.
   *
   * @return how many left the PARKED state
   */
  public int retryParkedFor(String tradeRef, String syssnRef) {
    if (tradeRef == null && syssnRef == null) {
      return 0;
    }
    return retry(inbox.findParkedFor(tradeRef, syssnRef, 50));
  }

  /**
   * The periodic pass: parked entries and entries left VERIFIED by a failed apply.
   *
   * @return how many changed state
   */
  public int sweep(int limit) {
    int changed = retry(inbox.findParked(limit));
    changed += retry(inbox.list(InboxStatus.VERIFIED, null, limit).items());
    return changed;
  }

  private int retry(List<InboxEntry> entries) {
    int changed = 0;
    for (InboxEntry e : entries) {
      try {
        ApplyResult r = apply(e.id(), parser.parse(e.rawBody()));
        if (r.inboxStatus() != e.status()) {
          changed++;
        }
      } catch (RuntimeException ex) {
        LOG.log(
            Level.WARNING,
            "re-applying notification {0} failed: {1}",
            e.id(),
            ex.getClass().getSimpleName());
      }
    }
    return changed;
  }

  private ApplyResult apply(String entryId, QfpayNotification n) {
    // The entry's new status commits in the same transaction as the change it records.
    return applier.apply(n, r -> inbox.updateStatus(entryId, r.inboxStatus(), r.note()));
  }
}
