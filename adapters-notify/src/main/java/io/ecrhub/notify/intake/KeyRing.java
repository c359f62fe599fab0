package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.NotificationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The notification keys active at one time: one per merchant / app code, and old plus new during a
 * rotation. Keys whose route matches the notification's {@link RoutingHint} are tried first, then
 * the others, newest first; never more than {@code maxTries} in all.
 */
public final class KeyRing {
  private final List<Entry> entries;
  private final int maxTries;
  private final boolean allowSha256;

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

  public KeyRing(List<Entry> entries, int maxTries, boolean allowSha256) {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be at least 1");
    }
    this.entries = List.copyOf(entries);
    this.maxTries = maxTries;
    this.allowSha256 = allowSha256;
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
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return Optional.empty();
    }
    for (Entry e : candidates(hint)) {
      if (NotificationSignature.matches(body, signatureHeader, e.key(), allowSha256)) {
        return Optional.of(e.id());
      }
    }
    return Optional.empty();
  }

  /** The keys in the order they are tried, at most {@code maxTries}. */
  List<Entry> candidates(RoutingHint hint) {
    Comparator<Entry> newestFirst = Comparator.comparing(Entry::addedAt).reversed();
    List<Entry> routed = new ArrayList<>();
    List<Entry> rest = new ArrayList<>();
    for (Entry e : entries) {
      boolean hit = e.routes().stream().anyMatch(hint.tokens()::contains);
      (hit ? routed : rest).add(e);
    }
    routed.sort(newestFirst);
    rest.sort(
        Comparator.<Entry, Boolean>comparing(e -> !e.routes().isEmpty())
            .thenComparing(newestFirst));
    List<Entry> ordered = new ArrayList<>(routed);
    ordered.addAll(rest);
    return ordered.size() <= maxTries ? ordered : ordered.subList(0, maxTries);
  }
}
