package io.ecrhub.domain.merchant;

/** What a configuration audit entry records. */
public enum AuditAction {
  /** A device's changes were applied to the registry. */
  APPLIED,
  /** A device's changes were held for review. */
  HELD,
  /** An operator rejected held changes. */
  REJECTED,
  /** Applying a device's changes failed; nothing of that device changed. */
  FAILED,
  /** A change could not be applied as such (e.g. a new device without an IP). */
  SKIPPED,
  /** A row of the source was unusable. */
  ROW_REJECTED,
  /** The source found nothing to change. */
  NO_CHANGES,
  /** The source could not be read at all. */
  SOURCE_FAILED,
  /** Live traffic showed the terminal drifted from its configuration. */
  DRIFT
}
