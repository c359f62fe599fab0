package io.ecrhub.domain.merchant;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a sync treats what it found.
 *
 * @param autoApply apply changes at once; false holds every change for review
 * @param alwaysReview kinds held for review even when {@code autoApply} (default: {@link #RISKY})
 * @param detectRemovals whether devices missing from the source count as removed (a full export)
 */
public record SyncPolicy(boolean autoApply, Set<ReviewRule> alwaysReview, boolean detectRemovals) {
  /** Held by default: removals, address changes, POS key changes and HTTPS switched off. */
  public static final Set<ReviewRule> RISKY =
      Set.copyOf(
          EnumSet.of(
              ReviewRule.REMOVAL, ReviewRule.ADDRESS, ReviewRule.POS_KEY, ReviewRule.HTTPS_OFF));

  public SyncPolicy {
    alwaysReview = alwaysReview.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alwaysReview));
  }

  /** Apply at once; hold the {@link #RISKY} kinds for review; detect removals. */
  public static SyncPolicy automatic() {
    return automatic(RISKY);
  }

  /** Apply at once except the given kinds; detect removals. */
  public static SyncPolicy automatic(Set<ReviewRule> alwaysReview) {
    return new SyncPolicy(true, alwaysReview, true);
  }

  /** Hold everything for review. */
  public static SyncPolicy review() {
    return new SyncPolicy(false, Set.of(), true);
  }

  public SyncPolicy withDetectRemovals(boolean detect) {
    return new SyncPolicy(autoApply, alwaysReview, detect);
  }

  /** Whether a change must wait for an operator. */
  public boolean needsReview(DeviceChange change) {
    return !autoApply || alwaysReview.stream().anyMatch(r -> r.matches(change));
  }
}
