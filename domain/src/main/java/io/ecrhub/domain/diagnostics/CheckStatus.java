package io.ecrhub.domain.diagnostics;

/** The verdict of one check, in increasing severity ({@link #SKIPPED} is neutral). */
public enum CheckStatus {
  SKIPPED,
  PASS,
  WARN,
  FAIL;

  /** The worse of two verdicts. */
  public CheckStatus worst(CheckStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
