package io.ecrhub.notify.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.ApplyResult;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.IngestNotification;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The intake of one notification: verify the signature with the key ring (the header's shape first,
 * then the raw-body form, which needs no parse; then the legacy sorted-fields form), parse, store
 * durably (deduplicated on type + syssn) and only then report ACCEPTED. A rejected request (no,
 * malformed or wrong signature; a signed but malformed body) is stored only when the {@link
 * RejectSampler} keeps it as a sample, so a flood of unsigned bodies costs no database work (ADR
 * 0009). It is applied either in the same transaction (one commit; see the constructor's {@code
 * storeAndApplyTogether}) or after the commit. {@link #check} does the part that needs no database,
 * so that {@link GroupCommit} can store many verified notifications in one transaction ({@link
 * #storeTogether}). A verified notification of an unknown type is stored IGNORED for an admin. A
 * failing database surfaces as an exception (the endpoint answers 503 so QFPay retries).
 */
public final class NotificationIntake implements IngestNotification {
  private static final System.Logger LOG = System.getLogger(NotificationIntake.class.getName());
  static final String SIGN_HEADER = "x-qf-sign";
  private static final Set<String> DROPPED_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization", "set-cookie");
  private static final int MAX_HEADERS = 40;

  /** Bytes of a rejected body kept in its sample (with the SHA-256 and length of the whole). */
  public static final int SAMPLE_BODY_BYTES = 2048;

  private static final int MAX_HEADER_VALUE = 1024;
  private static final Pattern NOT_PRINTABLE = Pattern.compile("[^A-Za-z0-9_.-]");

  private final Supplier<KeyRing> keys;
  private final NotificationParser parser;
  private final NotificationInbox inbox;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final IdGenerator ids;
  private final InboxProcessor processor;
  private final StoredListener onStored;
  private final boolean storeAndApplyTogether;
  private final RejectSampler samples;

  /** Called inside the storing transaction for each new verified notification (fan-out). */
  @FunctionalInterface
  public interface StoredListener {
    void stored(InboxEntry entry, QfpayNotification notification, Instant now);
  }

  /**
   * What the endpoint answers and why.
   *
   * @param entryId the stored entry, or null (a duplicate, or a rejected request not kept as a
   *     sample)
   */
  public record Result(Verdict verdict, String entryId, boolean duplicate, String reason) {}

  public NotificationIntake(
      Supplier<KeyRing> keys,
      NotificationParser parser,
      NotificationInbox inbox,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      InboxProcessor processor,
      StoredListener onStored) {
    this(keys, parser, inbox, unitOfWork, clock, ids, processor, onStored, false);
  }

  /**
   * @param storeAndApplyTogether a new notification is stored and applied in one transaction (one
   *     commit instead of two); if that transaction fails for any reason, the notification is
   *     stored on its own and applied afterwards, as without it. The applier's events then travel
   *     with that transaction, which the domain's {@code EventPublisher} contract provides (events
   *     are recorded in the transaction that publishes them and released after its commit).
   */
  public NotificationIntake(
      Supplier<KeyRing> keys,
      NotificationParser parser,
      NotificationInbox inbox,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      InboxProcessor processor,
      StoredListener onStored,
      boolean storeAndApplyTogether) {
    this(
        keys,
        parser,
        inbox,
        unitOfWork,
        clock,
        ids,
        processor,
        onStored,
        storeAndApplyTogether,
        RejectSampler.keepAll(clock));
  }

  /**
   * @param samples which rejected notifications are stored (the others are only answered)
   */
  public NotificationIntake(
      Supplier<KeyRing> keys,
      NotificationParser parser,
      NotificationInbox inbox,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      InboxProcessor processor,
      StoredListener onStored,
      boolean storeAndApplyTogether,
      RejectSampler samples) {
    this.samples = Objects.requireNonNull(samples);
    this.storeAndApplyTogether = storeAndApplyTogether;
    this.keys = Objects.requireNonNull(keys);
    this.parser = Objects.requireNonNull(parser);
    this.inbox = Objects.requireNonNull(inbox);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.clock = Objects.requireNonNull(clock);
    this.ids = Objects.requireNonNull(ids);
    this.processor = Objects.requireNonNull(processor);
    this.onStored = onStored == null ? (e, n, t) -> {} : onStored;
  }

  @Override
  public Verdict ingest(byte[] rawBody, Map<String, String> headers, String sourceAddress) {
    return receive(rawBody, headers, sourceAddress).verdict();
  }

  /** Takes in one notification; returns once its verdict is committed. */
  public Result receive(byte[] rawBody, Map<String, String> headers, String sourceAddress) {
    Checked checked = check(rawBody, headers, sourceAddress);
    if (checked.verified() != null) {
      return store(checked.verified());
    }
    return checked.other() != null ? checked.other().get() : checked.answer();
  }

  /**
   * A notification that parsed, carries a valid signature and is of a known type, with the inbox
   * entry it becomes; nothing is stored yet.
   */
  public record Verified(InboxEntry entry, QfpayNotification notification) {
    public Verified {
      Objects.requireNonNull(entry);
      Objects.requireNonNull(notification);
    }
  }

  /**
   * What the checks that need no database found: a {@link Verified} notification to store ({@link
   * #store} or {@link #storeTogether}); or the work that stores anything else (a rejected sample, a
   * verified one of unknown type) and says what to answer; or only the answer (a rejected request
   * that is not sampled: nothing to store). {@code answer} next to {@code other} is what to answer
   * when that work cannot be scheduled (a rejected sample is then dropped); an {@code other}
   * without one must be stored, or the caller answers 503.
   */
  public record Checked(Verified verified, Supplier<Result> other, Result answer) {
    public Checked {
      if ((verified == null) == (other == null && answer == null)) {
        throw new IllegalArgumentException("either verified, or other and/or answer");
      }
    }

    /** Verified, or stored otherwise by {@code other}. */
    public Checked(Verified verified, Supplier<Result> other) {
      this(verified, other, null);
    }
  }

  /**
   * Verifies and parses one notification without touching the database (cheap enough for an I/O
   * thread once the key ring is loaded). The signature is checked before the body is parsed: a
   * missing or malformed header first (no digest), then the raw-body form with at most {@link
   * KeyRing#MAX_TRIES} keys (the body is parsed first only when routing picks the keys, {@link
   * KeyRing#needsHint}), then the legacy form, which needs the parse.
   */
  public Checked check(byte[] rawBody, Map<String, String> headers, String sourceAddress) {
    Instant now = clock.instant();
    Map<String, String> kept = keptHeaders(headers);
    String signature = kept.get(SIGN_HEADER);
    if (signature == null || signature.isBlank()) {
      return rejecting(
          rawBody, kept, sourceAddress, now, Verdict.BAD_SIGNATURE, "no X-QF-SIGN header");
    }
    if (!NotificationSignature.wellFormed(signature)) {
      return rejecting(
          rawBody,
          kept,
          sourceAddress,
          now,
          Verdict.BAD_SIGNATURE,
          "X-QF-SIGN is not 32 (MD5) or 64 (SHA-256) hex digits");
    }
    Body body = new Body(rawBody);
    Optional<KeyRing.Match> match =
        keys.get()
            .match(
                rawBody,
                () ->
                    body.tree() == null ? null : NotificationParser.legacySigningForm(body.tree()),
                signature,
                () ->
                    body.tree() == null
                        ? RoutingHint.NONE
                        : NotificationParser.routingHint(body.tree()));
    if (match.isEmpty()) {
      return rejecting(
          rawBody,
          kept,
          sourceAddress,
          now,
          Verdict.BAD_SIGNATURE,
          "X-QF-SIGN matches none of the tried notification keys");
    }
    ObjectNode tree = body.tree();
    if (tree == null) {
      return rejecting(
          rawBody, kept, sourceAddress, now, Verdict.MALFORMED, body.failure.getMessage());
    }
    if (match.get().form() != KeyRing.Form.RAW_BODY) {
      LOG.log(
          Level.DEBUG,
          "notification signature verified with key {0} in the legacy sorted-fields form",
          match.get().keyId());
    }
    String keyId = match.get().keyId();
    String wireType = NotificationParser.field(tree, "notify_type");
    if (wireType != null && NotificationType.fromWire(wireType).isEmpty()) {
      return new Checked(
          null, () -> storeUnknownType(rawBody, kept, sourceAddress, now, tree, wireType, keyId));
    }
    QfpayNotification n;
    try {
      n = parser.toNotification(tree);
    } catch (MalformedNotificationException e) {
      return rejecting(
          rawBody, kept, sourceAddress, now, Verdict.MALFORMED, "signed but " + e.getMessage());
    }
    InboxEntry entry =
        new InboxEntry(
            "ntf_" + ids.next(),
            rawBody,
            kept,
            sourceAddress,
            now,
            InboxStatus.VERIFIED,
            n.dedupeKey(),
            null,
            keyId,
            n.tradeRef(),
            n.syssnRef());
    return new Checked(new Verified(entry, n), null);
  }

  /** The body parsed at most once, and only when needed; null tree with the reason if it fails. */
  private final class Body {
    private final byte[] raw;
    private boolean read;
    private ObjectNode tree;
    private MalformedNotificationException failure;

    Body(byte[] raw) {
      this.raw = raw;
    }

    ObjectNode tree() {
      if (!read) {
        read = true;
        try {
          tree = parser.readTree(raw);
        } catch (MalformedNotificationException e) {
          failure = e;
        }
      }
      return tree;
    }
  }

  private Checked rejecting(
      byte[] body,
      Map<String, String> headers,
      String source,
      Instant now,
      Verdict verdict,
      String reason) {
    Result unstored = new Result(verdict, null, false, reason);
    if (!samples.admit(source)) {
      return new Checked(null, null, unstored); // counted by the endpoint, not stored
    }
    return new Checked(null, () -> reject(body, headers, source, now, verdict, reason), unstored);
  }

  /** Stores (and, inline, applies) one verified notification; returns once it is committed. */
  public Result store(Verified v) {
    InboxEntry entry = v.entry();
    QfpayNotification n = v.notification();
    Instant now = entry.receivedAt();
    if (storeAndApplyTogether) {
      Optional<InboxEntry> both = storeAndApply(entry, n, now);
      if (both != null) {
        return both.isEmpty()
            ? duplicate(n.dedupeKey())
            : new Result(Verdict.ACCEPTED, entry.id(), false, null);
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
    processor.applyQuietly(stored.get(), n);
    return new Result(Verdict.ACCEPTED, entry.id(), false, null);
  }

  /**
   * Stores several verified notifications in one transaction (group commit: one commit for all):
   * copies already stored and repeated copies within {@code batch} are duplicates, the others are
   * applied (inline) and inserted with the status their apply produced, in {@code batch} order. All
   * or nothing: when anything fails, including a copy that another transaction stored between the
   * duplicate check and the insert, the whole transaction rolls back and this throws; nothing of
   * the batch is stored and the caller stores each one with {@link #store}.
   *
   * @return one result per notification, in {@code batch} order, valid once this returns (the
   *     transaction has committed)
   */
  public List<Result> storeTogether(List<Verified> batch) {
    Map<String, Verified> first = new LinkedHashMap<>();
    for (Verified v : batch) {
      first.putIfAbsent(v.notification().dedupeKey(), v);
    }
    List<Verified> stored =
        unitOfWork.inTransaction(
            () -> {
              Set<String> known = inbox.storedDedupeKeys(first.keySet());
              List<Verified> fresh = new ArrayList<>(first.size());
              for (Verified v : first.values()) {
                if (!known.contains(v.notification().dedupeKey())) {
                  fresh.add(v);
                }
              }
              if (storeAndApplyTogether) {
                List<ApplyResult> applied =
                    processor.applyAllUnrecorded(
                        fresh.stream().map(Verified::notification).toList());
                for (int i = 0; i < fresh.size(); i++) {
                  Verified v = fresh.get(i);
                  ApplyResult r = applied.get(i);
                  fresh.set(
                      i,
                      new Verified(
                          v.entry().withStatus(r.inboxStatus(), r.note()), v.notification()));
                }
              }
              int inserted = inbox.storeVerifiedAll(fresh.stream().map(Verified::entry).toList());
              if (inserted != fresh.size()) {
                throw new AlreadyStored(); // a concurrent copy won one key: roll back, go one by
                // one
              }
              for (Verified v : fresh) {
                onStored.stored(v.entry(), v.notification(), v.entry().receivedAt());
              }
              return fresh;
            });
    Set<String> storedIds = new HashSet<>();
    for (Verified v : stored) {
      storedIds.add(v.entry().id());
      if (!storeAndApplyTogether) {
        processor.applyQuietly(v.entry(), v.notification());
      }
    }
    List<Result> results = new ArrayList<>(batch.size());
    for (Verified v : batch) {
      results.add(
          storedIds.contains(v.entry().id())
              ? new Result(Verdict.ACCEPTED, v.entry().id(), false, null)
              : duplicate(v.notification().dedupeKey()));
    }
    return results;
  }

  private static Result duplicate(String dedupeKey) {
    return new Result(Verdict.ACCEPTED, null, true, "duplicate of " + dedupeKey);
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
            ApplyResult r = processor.applyUnrecorded(n);
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

  /** Rolls back an apply whose notification turned out to be stored already. */
  private static final class AlreadyStored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyStored() {
      super("already stored", null, false, false);
    }
  }

  /**
   * A verified notification of a type the hub does not know (QFPay may add types): stored IGNORED
   * with the reason for an admin, deduplicated on (type, syssn) when it has a usable syssn, and
   * accepted so QFPay does not retry it for a day. Nothing is applied or fanned out.
   */
  private Result storeUnknownType(
      byte[] rawBody,
      Map<String, String> kept,
      String sourceAddress,
      Instant now,
      ObjectNode tree,
      String wireType,
      String keyId) {
    // signed, but still shown to admins and logged: keep it short and printable
    String type = printableType(wireType);
    String syssn = NotificationParser.field(tree, "syssn");
    syssn = NotificationParser.validSyssn(syssn) ? syssn.trim() : null;
    String dedupeKey = syssn == null ? null : "OTHER:" + clip(type, 24) + ":" + syssn;
    String outTradeNo = NotificationParser.field(tree, "out_trade_no");
    InboxEntry entry =
        new InboxEntry(
            "ntf_" + ids.next(),
            rawBody,
            kept,
            sourceAddress,
            now,
            InboxStatus.IGNORED,
            dedupeKey,
            "unknown notify_type " + type + "; stored for an admin, not applied",
            keyId,
            outTradeNo == null || outTradeNo.isBlank() ? null : outTradeNo.trim(),
            syssn);
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
    LOG.log(
        Level.WARNING,
        "notification {0} has unknown notify_type {1}; stored as IGNORED for an admin",
        entry.id(),
        type);
    return new Result(Verdict.ACCEPTED, entry.id(), false, entry.note());
  }

  /** An unknown {@code notify_type} as shown to admins and logged: short and printable. */
  static String printableType(String wireType) {
    return clip(NOT_PRINTABLE.matcher(wireType.trim()).replaceAll("?"), 40);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private boolean alreadyStored(String dedupeKey) {
    try {
      return inbox.findByDedupeKey(dedupeKey).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Stores one rejected request as a sample: at most the first {@value #SAMPLE_BODY_BYTES} bytes of
   * its body, with the length and SHA-256 of the whole body (in the note too, for admins).
   */
  private Result reject(
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

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Request headers worth keeping for audit: lower-case names, no credentials, bounded. */
  static Map<String, String> keptHeaders(Map<String, String> headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (headers == null) {
      return kept;
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey() == null || h.getValue() == null || kept.size() >= MAX_HEADERS) {
        continue;
      }
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!DROPPED_HEADERS.contains(name)) {
        String v = h.getValue();
        kept.put(name, v.length() <= MAX_HEADER_VALUE ? v : v.substring(0, MAX_HEADER_VALUE));
      }
    }
    return kept;
  }
}
