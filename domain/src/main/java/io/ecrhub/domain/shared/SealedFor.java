package io.ecrhub.domain.shared;

import java.util.Objects;

/**
 * What a sealed secret belongs to: the table, column and row that store it. A sealer binds it into
 * the seal (AES-GCM associated data), so a sealed value copied into another row, column or table
 * does not open there.
 *
 * @param table the table, e.g. {@code terminal}
 * @param column the column, e.g. {@code pos_key_sealed}
 * @param rowId the row's primary key as text
 */
public record SealedFor(String table, String column, String rowId) {
  public SealedFor {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(rowId, "rowId");
    if (!table.matches("[a-z][a-z0-9_]{0,62}") || !column.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("table and column must be SQL names in lower case");
    }
    if (rowId.isBlank()) {
      throw new IllegalArgumentException("rowId must not be blank");
    }
  }

  @Override
  public String toString() {
    return table + "." + column + "[" + rowId + "]";
  }
}
