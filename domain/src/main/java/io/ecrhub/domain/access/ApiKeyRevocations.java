package io.ecrhub.domain.access;

/**
 * Port: told when a key is revoked on this instance, so work that outlives its request (an open
 * event stream) ends at once instead of at its next re-check.
 */
@FunctionalInterface
public interface ApiKeyRevocations {
  void revoked(String keyId);
}
