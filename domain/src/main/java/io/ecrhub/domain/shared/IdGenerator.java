package io.ecrhub.domain.shared;

/** Input: produces unique identifiers. Tests pass a deterministic one. */
@FunctionalInterface
public interface IdGenerator {
  /** A new unique id: lowercase letters and digits only, at most 32 characters. */
  String next();
}
