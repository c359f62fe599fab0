package io.ecrhub.domain.shared;

/**
 * Port: encrypts secrets (POS keys, notification keys) for storage at rest and opens them again.
 * The sealed form is opaque text safe to store in a database column.
 */
public interface SecretSealer {
  /** Encrypts {@code plaintext}; two seals of the same value differ (random nonce). */
  String seal(String plaintext);

  /**
   * Decrypts a value produced by {@link #seal}; fails if tampered with or sealed by another key.
   */
  String open(String sealed);
}
