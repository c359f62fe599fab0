package io.ecrhub.domain.merchant;

/**
 * A row of an import that could not be used, with the reason. The reason never quotes a secret.
 *
 * @param row 1-based row (CSV: the record number with the header as row 1; JSON: the element's
 *     1-based index); 0 for a problem with the whole file
 * @param deviceId the row's device id when it could be read, else null (a device whose row was
 *     rejected is never treated as removed)
 */
public record RowError(int row, String field, String reason, String deviceId) {
  public RowError(int row, String field, String reason) {
    this(row, field, reason, null);
  }
}
