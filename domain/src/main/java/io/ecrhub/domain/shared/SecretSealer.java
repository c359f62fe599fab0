package io.ecrhub.domain.shared;

/**
 * Port: encrypts secrets (POS keys, notification keys) for storage at rest and opens them again.
 * The sealed form is opaque text safe to store in a database column. Every seal says what it is for
 * ({@link SealedFor}: table, column, row); the value opens only for that same purpose.
 */
public interface SecretSealer {
  /** Encrypts {@code plaintext} for {@code purpose}; two seals of the same value differ. */
  String seal(String plaintext, SealedFor purpose);

  /**
   * Decrypts a value produced by {@link #seal} for the same {@code purpose}; fails if tampered
   * with, sealed by another key, or sealed for another table, column or row.
   */
  String open(String sealed, SealedFor purpose);
}
