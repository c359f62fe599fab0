package io.ecrhub.ecr.codec;

/** A body could not be encoded or decoded; {@link #kind()} says why, the message says how. */
public final class EcrCodecException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Failure classes; a terminal answers them with the respcd in parentheses. */
  public enum Kind {
    /** A value cannot be represented safely on the wire (quote, comma, brace, equals...). */
    UNSAFE_VALUE,
    /** Key length not 16/24/32 bytes. */
    BAD_KEY,
    /** Base64 or AES decryption failed (5001). */
    UNDECRYPTABLE,
    /** The digest does not match the content and key (4003). */
    BAD_DIGEST,
    /** Not parseable as the expected structure (4006). */
    MALFORMED,
    /** Larger than the codec accepts. */
    OVERSIZE
  }

  private final Kind kind;

  public EcrCodecException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
