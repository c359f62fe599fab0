package io.ecrhub.domain.merchant;

/**
 * Use case: bring the registry in line with MMS: fetch a source, diff it against the registry,
 * apply the changes (each device all or nothing) or hold them for review, audit every step.
 */
public interface SyncMerchantConfig {
  /**
   * Runs one sync.
   *
   * @param actor who started it (an operator's name, {@code scheduler}...)
   * @throws ConfigSourceException when the source delivers nothing usable (audited first)
   */
  SyncReport sync(MerchantConfigSource source, String actor);

  /** Applies a held sync (each device re-checked against the registry as it is now). */
  SyncReport approve(String heldSyncId, String actor);

  /** Discards a held sync; nothing is applied. */
  SyncReport reject(String heldSyncId, String actor);
}
