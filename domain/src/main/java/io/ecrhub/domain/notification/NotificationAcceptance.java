package io.ecrhub.domain.notification;

import io.ecrhub.domain.notification.IngestNotification.Verdict;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AcceptNotification} over the inbox: a new notification is applied either in the storing
 * transaction (one commit; see {@code storeAndApplyTogether}) or after the commit ({@link
 * ApplyLater}); a copy already stored is a duplicate, accepted so QFPay stops retrying. Also keeps
 * what the intake does not apply: a verified notification of an unknown type (IGNORED, for an
 * admin) and a sample of a rejected request. A failing database surfaces as an exception (the
 * endpoint answers 503 so QFPay retries).
 */
public final class NotificationAcceptance implements AcceptNotification {
  private static final System.Logger LOG = System.getLogger(NotificationAcceptance.class.getName());

  /** Bytes of a rejected body kept in its sample (with the SHA-256 and length of the whole). */
  public static final int SAMPLE_BODY_BYTES = 2048;

  private final NotificationInbox inbox;
  private final UnitOfWork unitOfWork;
  private final IdGenerator ids;
  private final ApplyNotification applier;
  private final ApplyLater later;
  private final StoredListener onStored;
  private final boolean storeAndApplyTogether;

  /** Applies a notification stored on its own, after its commit; never throws. */
  @FunctionalInterface
  public interface ApplyLater {
    void apply(InboxEntry stored, QfpayNotification notification);
  }

  /**
   * @param applier applies inside the storing transaction (when {@code storeAndApplyTogether})
   * @param later applies a notification stored on its own
   * @param storeAndApplyTogether a new notification is stored and applied in one transaction (one
   *     commit instead of two); if that transaction fails for any reason, the notification is
   *     stored on its own and applied afterwards, as without it. The applier's events then travel
   *     with that transaction, which the {@code EventPublisher} contract provides.
   */
  public NotificationAcceptance(
      NotificationInbox inbox,
      UnitOfWork unitOfWork,
      IdGenerator ids,
      ApplyNotification applier,
      ApplyLater later,
      StoredListener onStored,
      boolean storeAndApplyTogether) {
    this.inbox = Objects.requireNonNull(inbox);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.ids = Objects.requireNonNull(ids);
    this.applier = Objects.requireNonNull(applier);
    this.later = Objects.requireNonNull(later);
    this.onStored = onStored == null ? (e, n, t) -> {} : onStored;
    this.storeAndApplyTogether = storeAndApplyTogether;
  }

  @Override
  public Result store(Verified v) {
    InboxEntry entry = v.entry();
    QfpayNotification n = v.notification();
    Instant now = entry.receivedAt();
    if (storeAndApplyTogether) {
      Optional<InboxEntry> both = storeAndApply(entry, n, now);
      if (both != null) {
        return both.isEmpty() ? duplicate(n.dedupeKey()) : accepted(entry.id());
      }
    }
    Optional<InboxEntry> stored;
    try {
      stored =
          unitOfWork.inTransaction(
              () -> {
                Optional<InboxEntry> s = inbox.storeVerified(entry);
                s.ifPresent(e -> onStored.stored(e, n, now));
                return s;
              });
    } catch (RuntimeException e) {
      // A concurrent copy may have won the unique key between our check and insert (another
      // instance): then this one is a duplicate, not a failure. Anything else propagates (503).
      if (alreadyStored(n.dedupeKey())) {
        return duplicate(n.dedupeKey());
      }
      throw e;
    }
    if (stored.isEmpty()) {
      return duplicate(n.dedupeKey());
    }
    later.apply(stored.get(), n);
    return accepted(entry.id());
  }

  /**
   * {@inheritDoc} Copies already stored and repeated copies within {@code batch} are duplicates,
   * the others are applied (inline) and inserted with the status their apply produced, in {@code
   * batch} order. A copy that another transaction stored between the duplicate check and the insert
   * fails the whole group.
   */
  @Override
  public List<Result> storeTogether(List<Verified> batch) {
    Map<String, Verified> first = new LinkedHashMap<>();
    for (Verified v : batch) {
      first.putIfAbsent(v.notification().dedupeKey(), v);
    }
    List<Verified> stored = unitOfWork.inTransaction(() -> storeFresh(first));
    Set<String> storedIds = new HashSet<>();
    for (Verified v : stored) {
      storedIds.add(v.entry().id());
      if (!storeAndApplyTogether) {
        later.apply(v.entry(), v.notification());
      }
    }
    List<Result> results = new ArrayList<>(batch.size());
    for (Verified v : batch) {
      results.add(
          storedIds.contains(v.entry().id())
              ? accepted(v.entry().id())
              : duplicate(v.notification().dedupeKey()));
    }
    return results;
  }

  private List<Verified> storeFresh(Map<String, Verified> first) {
    Set<String> known = inbox.storedDedupeKeys(first.keySet());
    List<Verified> fresh = new ArrayList<>(first.size());
    for (Verified v : first.values()) {
      if (!known.contains(v.notification().dedupeKey())) {
        fresh.add(v);
      }
    }
    if (storeAndApplyTogether) {
      List<ApplyResult> applied =
          applier.applyAll(fresh.stream().map(Verified::notification).toList());
      for (int i = 0; i < fresh.size(); i++) {
        Verified v = fresh.get(i);
        ApplyResult r = applied.get(i);
        fresh.set(
            i, new Verified(v.entry().withStatus(r.inboxStatus(), r.note()), v.notification()));
      }
    }
    int inserted = inbox.storeVerifiedAll(fresh.stream().map(Verified::entry).toList());
    if (inserted != fresh.size()) {
      throw new AlreadyStored(); // a concurrent copy won one key: roll back, go one by one
    }
    for (Verified v : fresh) {
      onStored.stored(v.entry(), v.notification(), v.entry().receivedAt());
    }
    return fresh;
  }

  /**
   * Applies and stores in one transaction (the applier's events travel with it): the entry is
   * inserted with the status its apply produced, so one row version and one commit per new
   * notification. A copy that is already stored rolls the transaction (and so the apply) back.
   *
   * @return the stored entry, empty for a duplicate, or null when that transaction failed and
   *     rolled back (the caller then stores the notification on its own)
   */
  private Optional<InboxEntry> storeAndApply(InboxEntry entry, QfpayNotification n, Instant now) {
    try {
      return unitOfWork.inTransaction(
          () -> {
            ApplyResult r = applier.apply(n);
            Optional<InboxEntry> s =
                inbox.storeVerified(entry.withStatus(r.inboxStatus(), r.note()));
            if (s.isEmpty()) {
              throw new AlreadyStored();
            }
            onStored.stored(s.get(), n, now);
            return s;
          });
    } catch (AlreadyStored e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.log(
          Level.DEBUG,
          "storing and applying {0} together failed ({1}); storing it on its own",
          entry.id(),
          e.getClass().getSimpleName());
      return null;
    }
  }

  /**
   * Keeps a verified notification the hub does not apply (a {@code notify_type} it does not know,
   * stored IGNORED with its note for an admin), deduplicated on its key when it has one, and
   * accepts it so QFPay does not retry it for a day. Nothing is applied or fanned out.
   */
  public Result storeIgnored(InboxEntry entry) {
    String dedupeKey = entry.dedupeKey();
    Optional<InboxEntry> stored;
    try {
      stored = unitOfWork.inTransaction(() -> inbox.storeVerified(entry));
    } catch (RuntimeException e) {
      if (dedupeKey != null && alreadyStored(dedupeKey)) {
        return duplicate(dedupeKey);
      }
      throw e;
    }
    if (stored.isEmpty()) {
      return duplicate(dedupeKey);
    }
    return new Result(Verdict.ACCEPTED, entry.id(), false, entry.note());
  }

  /**
   * Stores one rejected request as a sample: at most the first {@value #SAMPLE_BODY_BYTES} bytes of
   * its body, with the length and SHA-256 of the whole body (in the note too, for admins).
   */
  public Result storeRejectedSample(
      byte[] body,
      Map<String, String> headers,
      String source,
      Instant now,
      Verdict verdict,
      String reason) {
    String id = "ntf_" + ids.next();
    String sha256 = sha256Hex(body);
    byte[] kept = body.length <= SAMPLE_BODY_BYTES ? body : Arrays.copyOf(body, SAMPLE_BODY_BYTES);
    String note =
        body.length <= SAMPLE_BODY_BYTES
            ? reason
            : reason
                + " (body "
                + body.length
                + " bytes, SHA-256 "
                + sha256
                + "; the first "
                + SAMPLE_BODY_BYTES
                + " kept)";
    InboxEntry entry =
        new InboxEntry(id, kept, headers, source, now, InboxStatus.REJECTED, null, note);
    unitOfWork.run(() -> inbox.storeRejectedSample(entry, body.length, sha256));
    return new Result(verdict, id, false, reason);
  }

  private static Result accepted(String entryId) {
    return new Result(Verdict.ACCEPTED, entryId, false, null);
  }

  private static Result duplicate(String dedupeKey) {
    return new Result(Verdict.ACCEPTED, null, true, "duplicate of " + dedupeKey);
  }

  private boolean alreadyStored(String dedupeKey) {
    try {
      return inbox.findByDedupeKey(dedupeKey).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Rolls back an apply whose notification turned out to be stored already. */
  private static final class AlreadyStored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyStored() {
      super("already stored", null, false, false);
    }
  }
}
