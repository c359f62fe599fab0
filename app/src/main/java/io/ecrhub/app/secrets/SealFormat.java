package io.ecrhub.app.secrets;

/**
 * Records in {@code secret_format} (V44) that the one-time upgrade to row-bound seals finished for
 * this database; from then on old-format values are refused everywhere (ADR 0011). Each call
 * commits on its own.
 */
public interface SealFormat {
  /** The format every stored secret has once the upgrade ran. */
  String ROW_BOUND = "v2-row-bound";

  /** Whether the upgrade to {@link #ROW_BOUND} finished. */
  boolean upgraded();

  /** Records that the upgrade finished (idempotent: several instances may race to do it). */
  void markUpgraded();
}
