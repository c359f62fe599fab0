package io.ecrhub.domain.notification;

/** What applying one verified notification did; each maps to the inbox status it leaves. */
public sealed interface ApplyResult {

  /** The inbox status the entry takes. */
  InboxStatus inboxStatus();

  /** Human explanation for admins (never a secret). */
  String note();

  /** Settled a payment or refund, or recorded an external refund. */
  record Applied(String transactionId, String note) implements ApplyResult {
    @Override
    public InboxStatus inboxStatus() {
      return InboxStatus.APPLIED;
    }
  }

  /** The transaction already reflects this notification; nothing changed. */
  record AlreadyApplied(String transactionId, String note) implements ApplyResult {
    @Override
    public InboxStatus inboxStatus() {
      return InboxStatus.APPLIED;
    }
  }

  /** Nothing matches yet; retried when a matching transaction appears or changes. */
  record Parked(String note) implements ApplyResult {
    @Override
    public InboxStatus inboxStatus() {
      return InboxStatus.PARKED;
    }
  }

  /** Contradicts the hub's record (amount, currency, state); the transaction is flagged. */
  record FlaggedForReview(String transactionId, String note) implements ApplyResult {
    @Override
    public InboxStatus inboxStatus() {
      return InboxStatus.REVIEW;
    }
  }

  /** Nothing in the hub to apply it to (preauth release, not a success). */
  record Ignored(String note) implements ApplyResult {
    @Override
    public InboxStatus inboxStatus() {
      return InboxStatus.IGNORED;
    }
  }
}
