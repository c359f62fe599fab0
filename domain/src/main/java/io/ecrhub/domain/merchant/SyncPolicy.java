package io.ecrhub.domain.merchant;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a sync treats what it found.
 *
 * @param autoApply apply changes at once; false holds every change for review
 * @param alwaysReview kinds held for review even when {@code autoApply} (default: removals)
 * @param detectRemovals whether devices missing from the source count as removed (a full export)
 */
public record SyncPolicy(boolean autoApply, Set<ChangeKind> alwaysReview, boolean detectRemovals) {
  public SyncPolicy {
    alwaysReview = alwaysReview.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alwaysReview));
  }

  /** Apply at once; hold removals for review; detect removals. */
  public static SyncPolicy automatic() {
    return new SyncPolicy(true, EnumSet.of(ChangeKind.REMOVED), true);
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
    return !autoApply || change.kinds().stream().anyMatch(alwaysReview::contains);
  }
}
