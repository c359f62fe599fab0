package io.ecrhub.app.secrets;

/**
 * A store holding sealed secrets (terminal POS keys, notification keys...). Every implementation is
 * a CDI bean; master-key rotation asks each to re-seal what it holds.
 */
public interface SealedSecretStore {
  /** A short name for logs, e.g. {@code terminal POS keys}. */
  String name();

  /**
   * Re-seals every stored secret that {@code resealer} says needs it, in its own transactions.
   *
   * @return how many secrets were re-sealed
   */
  int resealAll(Resealer resealer);
}
