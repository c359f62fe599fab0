package io.ecrhub.domain.shared;

/**
 * Saving an aggregate failed because someone else saved a newer version first; reload and retry.
 */
public final class ConcurrentModificationException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ConcurrentModificationException(String what) {
    super("CONCURRENT_MODIFICATION", what + " was changed concurrently; reload and retry");
  }
}
