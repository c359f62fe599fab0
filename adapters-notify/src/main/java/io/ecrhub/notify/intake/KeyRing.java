package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.NotificationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The notification keys active at one time: one per merchant / app code, and old plus new during a
 * rotation. Keys whose route matches the notification's {@link RoutingHint} are tried first, then
 * the others, newest first; never more than {@code maxTries} (at most {@value #MAX_TRIES}) in all,
 * so the work an unauthenticated request can cause is bounded: one digest of the body per tried key
 * (and, with the legacy form, one of its sorted fields).
 */
public final class KeyRing {
  /** The most keys ever tried on one notification (ADR 0009). */
  public static final int MAX_TRIES = 8;

  private final List<Entry> entries;
  private final int maxTries;
  private final boolean allowSha256;
  private final boolean allowLegacy;
  // whether any key has routes; if none does (or the hint is empty), the order is always this one
  private final boolean routed;
  private final List<Entry> unrouted;
  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparing(Entry::addedAt).reversed();

  /** Which form of the signature verified. */
  public enum Form {
    /** MD5 (or tolerated SHA-256) of the raw body bytes + key: the documented form. */
    RAW_BODY,
    /** MD5 of the sorted {@code k=v&...} fields + key: the legacy 2019 form (fallback). */
    SORTED_FIELDS
  }

  /** The key that verified a notification and the form it verified in (never the key itself). */
  public record Match(String keyId, Form form) {}

  /**
   * One key.
   *
   * @param id stable identifier shown to admins and stored with each notification (not secret)
   * @param routes routing tokens (merchant / app code / out_trade_no prefix) this key serves; empty
   *     for a key that may serve any notification
   */
  public record Entry(String id, NotificationKey key, Set<String> routes, Instant addedAt) {
    public Entry {
      Objects.requireNonNull(id);
      Objects.requireNonNull(key);
      routes = routes == null ? Set.of() : Set.copyOf(routes);
      addedAt = addedAt == null ? Instant.EPOCH : addedAt;
    }

    @Override
    public String toString() {
      return "KeyRing.Entry[" + id + " routes=" + routes + " " + key + "]";
    }
  }

  /** A ring that also accepts the legacy sorted-fields form as a fallback. */
  public KeyRing(List<Entry> entries, int maxTries, boolean allowSha256) {
    this(entries, maxTries, allowSha256, true);
  }

  /**
   * @param allowLegacy also accept the legacy sorted {@code k=v&...} form when the raw-body form
   *     matches none of the tried keys
   */
  public KeyRing(List<Entry> entries, int maxTries, boolean allowSha256, boolean allowLegacy) {
    if (maxTries < 1 || maxTries > MAX_TRIES) {
      throw new IllegalArgumentException(
          "maxTries must be 1 to " + MAX_TRIES + ", not " + maxTries);
    }
    this.entries = List.copyOf(entries);
    this.maxTries = maxTries;
    this.routed = this.entries.stream().anyMatch(e -> !e.routes().isEmpty());
    this.unrouted = ordered(this.entries, Set.of(), maxTries);
    this.allowSha256 = allowSha256;
    this.allowLegacy = allowLegacy;
  }

  public static KeyRing empty() {
    return new KeyRing(List.of(), 1, false);
  }

  public int size() {
    return entries.size();
  }

  /**
   * Finds the key that signed {@code body}.
   *
   * @return the id of the matching key, or empty when none of the tried keys matches
   */
  public Optional<String> verify(byte[] body, String signatureHeader, RoutingHint hint) {
    return match(body, (byte[]) null, signatureHeader, hint).map(Match::keyId);
  }

  /**
   * Finds the key that signed {@code body}: first the raw-body form with each candidate key, then
   * (when allowed and {@code legacyForm} is given) the legacy sorted-fields form with the same
   * candidates. At most {@code maxTries} keys, so at most two digests per key.
   *
   * @param legacyForm the body's sorted {@code k=v&...} form ({@link
   *     NotificationParser#legacySigningForm}), or null when it has none
   * @return the matching key and form, or empty when nothing matches
   */
  public Optional<Match> match(
      byte[] body, byte[] legacyForm, String signatureHeader, RoutingHint hint) {
    return match(body, () -> legacyForm, signatureHeader, hint);
  }

  /**
   * As {@link #match(byte[], byte[], String, RoutingHint)}, with the legacy form computed only when
   * the raw-body form matched none of the tried keys (the supplier may return null).
   */
  public Optional<Match> match(
      byte[] body, Supplier<byte[]> legacyForm, String signatureHeader, RoutingHint hint) {
    return match(body, legacyForm, signatureHeader, () -> hint);
  }

  /**
   * As {@link #match(byte[], Supplier, String, RoutingHint)}, with the routing hint asked for only
   * when it changes which keys are tried ({@link #needsHint()}): otherwise the raw-body form is
   * checked before the body is parsed at all.
   */
  public Optional<Match> match(
      byte[] body,
      Supplier<byte[]> legacyForm,
      String signatureHeader,
      Supplier<RoutingHint> hint) {
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Optional.empty();
    }
    List<Entry> tried = needsHint() ? candidates(hint.get()) : unrouted;
    for (Entry e : tried) {
      if (NotificationSignature.matches(body, signatureHeader, e.key(), allowSha256)) {
        return Optional.of(new Match(e.id(), Form.RAW_BODY));
      }
    }
    byte[] legacy = allowLegacy ? legacyForm.get() : null;
    if (legacy != null) {
      for (Entry e : tried) {
        if (NotificationSignature.matchesLegacy(legacy, signatureHeader, e.key())) {
          return Optional.of(new Match(e.id(), Form.SORTED_FIELDS));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the routing data of a notification changes which keys are tried: only when some key has
   * routes and there are more keys than are tried. Otherwise every key is tried anyway.
   */
  public boolean needsHint() {
    return routed && entries.size() > maxTries;
  }

  /** The keys in the order they are tried, at most {@code maxTries}. */
  List<Entry> candidates(RoutingHint hint) {
    if (!routed || hint.tokens().isEmpty()) {
      return unrouted;
    }
    return ordered(entries, hint.tokens(), maxTries);
  }

  private static List<Entry> ordered(List<Entry> entries, Set<String> tokens, int maxTries) {
    List<Entry> routed = new ArrayList<>();
    List<Entry> rest = new ArrayList<>();
    for (Entry e : entries) {
      boolean hit = e.routes().stream().anyMatch(tokens::contains);
      (hit ? routed : rest).add(e);
    }
    routed.sort(NEWEST_FIRST);
    rest.sort(
        Comparator.<Entry, Boolean>comparing(e -> !e.routes().isEmpty())
            .thenComparing(NEWEST_FIRST));
    List<Entry> ordered = new ArrayList<>(routed);
    ordered.addAll(rest);
    return List.copyOf(ordered.size() <= maxTries ? ordered : ordered.subList(0, maxTries));
  }
}
