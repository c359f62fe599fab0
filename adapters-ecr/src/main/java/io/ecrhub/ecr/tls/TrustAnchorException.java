package io.ecrhub.ecr.tls;

/** The terminal trust anchors cannot be loaded; the message is one line an operator can act on. */
public final class TrustAnchorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustAnchorException(String message) {
    super(message, null, false, false);
  }
}
