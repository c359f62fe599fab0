package io.ecrhub.notify.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.AcceptNotification;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.IngestNotification;
import io.ecrhub.domain.notification.NotificationAcceptance;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
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
 * then the raw-body form, which needs no parse; then the legacy sorted-fields form), parse, then
 * hand it to the domain's {@link AcceptNotification} ({@link NotificationAcceptance}: store
 * durably, deduplicated on type + syssn, apply in the same transaction or after the commit, fan
 * out) and only then report ACCEPTED. A rejected request (no, malformed or wrong signature; a
 * signed but malformed body) is stored only when the {@link RejectSampler} keeps it as a sample, so
 * a flood of unsigned bodies costs no database work (ADR 0009). {@link #check} does the part that
 * needs no database, so that {@link GroupCommit} can store many verified notifications in one
 * transaction ({@link #storeTogether}). A verified notification of an unknown type is stored
 * IGNORED for an admin. A failing database surfaces as an exception (the endpoint answers 503 so
 * QFPay retries).
 */
public final class NotificationIntake implements IngestNotification, AcceptNotification {
  private static final System.Logger LOG = System.getLogger(NotificationIntake.class.getName());
  static final String SIGN_HEADER = "x-qf-sign";
  private static final Set<String> DROPPED_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization", "set-cookie");
  private static final int MAX_HEADERS = 40;

  /** Bytes of a rejected body kept in its sample (with the SHA-256 and length of the whole). */
  public static final int SAMPLE_BODY_BYTES = NotificationAcceptance.SAMPLE_BODY_BYTES;

  private static final int MAX_HEADER_VALUE = 1024;
  private static final Pattern NOT_PRINTABLE = Pattern.compile("[^A-Za-z0-9_.-]");

  private final Supplier<KeyRing> keys;
  private final NotificationParser parser;
  private final Clock clock;
  private final IdGenerator ids;
  private final RejectSampler samples;
  private final NotificationAcceptance acceptance;

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
    this.keys = Objects.requireNonNull(keys);
    this.parser = Objects.requireNonNull(parser);
    this.clock = Objects.requireNonNull(clock);
    this.ids = Objects.requireNonNull(ids);
    this.acceptance =
        new NotificationAcceptance(
            inbox,
            unitOfWork,
            ids,
            processor.unrecorded(),
            processor::applyQuietly,
            onStored,
            storeAndApplyTogether);
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
    // the sample keeps the body's first bytes with the whole body's length and SHA-256
    return new Checked(
        null,
        () -> acceptance.storeRejectedSample(body, headers, source, now, verdict, reason),
        unstored);
  }

  /** Stores (and, inline, applies) one verified notification; returns once it is committed. */
  @Override
  public Result store(Verified v) {
    return acceptance.store(v);
  }

  /**
   * Stores several verified notifications in one transaction (group commit: one commit for all);
   * see {@link AcceptNotification#storeTogether}.
   */
  @Override
  public List<Result> storeTogether(List<Verified> batch) {
    return acceptance.storeTogether(batch);
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
    Result result = acceptance.storeIgnored(entry);
    if (!result.duplicate()) {
      LOG.log(
          Level.WARNING,
          "notification {0} has unknown notify_type {1}; stored as IGNORED for an admin",
          entry.id(),
          type);
    }
    return result;
  }

  /** An unknown {@code notify_type} as shown to admins and logged: short and printable. */
  static String printableType(String wireType) {
    return clip(NOT_PRINTABLE.matcher(wireType.trim()).replaceAll("?"), 40);
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
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
