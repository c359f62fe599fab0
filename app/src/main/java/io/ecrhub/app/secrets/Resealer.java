package io.ecrhub.app.secrets;

/** Re-seals a sealed value under the current master key (key rotation). */
public interface Resealer {
  /** True when {@code sealed} was sealed under an earlier master key. */
  boolean needsReseal(String sealed);

  /** The value sealed under the current key ({@code sealed} itself when it already is). */
  String reseal(String sealed);
}
