package io.ecrhub.mms;

/**
 * Options shared by the POS Key List importers.
 *
 * @param allowPublishedDefaultKey accept QFPay's published default key (lab and simulator setups
 *     only)
 * @param maxBytes largest file or response accepted
 */
public record ImportOptions(boolean allowPublishedDefaultKey, long maxBytes) {
  public ImportOptions {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
  }

  /** Production defaults: the published default key is refused; at most 5 MiB. */
  public static ImportOptions defaults() {
    return new ImportOptions(false, 5L * 1024 * 1024);
  }

  public ImportOptions allowingPublishedDefaultKey() {
    return new ImportOptions(true, maxBytes);
  }
}
