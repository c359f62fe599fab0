package io.ecrhub.app.secrets;

import io.ecrhub.domain.shared.SealedFor;

/**
 * Re-seals a sealed value under the current master key and format (key rotation, format upgrade).
 */
public interface Resealer {
  /** True when {@code sealed} was sealed under an earlier master key or in an earlier format. */
  boolean needsReseal(String sealed);

  /**
   * The value sealed under the current key for {@code purpose} ({@code sealed} itself when it
   * already is); fails with {@link SealingException} when it does not open for that purpose.
   */
  String reseal(String sealed, SealedFor purpose);
}
