package io.ecrhub.domain.merchant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Changes found by a sync and held for an operator's review. Holds new POS keys: stores must seal
 * them at rest.
 */
public record HeldSync(
    String id,
    String source,
    Instant createdAt,
    List<DeviceChange> changes,
    List<RowError> rowErrors,
    Status status,
    String resolvedBy,
    Instant resolvedAt) {

  public HeldSync {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    changes = List.copyOf(changes);
    rowErrors = List.copyOf(rowErrors);
    status = status == null ? Status.PENDING : status;
  }

  public static HeldSync pending(
      String id, String source, Instant at, List<DeviceChange> changes, List<RowError> errors) {
    return new HeldSync(id, source, at, changes, errors, Status.PENDING, null, null);
  }

  public HeldSync resolve(Status to, String actor, Instant at) {
    return new HeldSync(id, source, createdAt, changes, rowErrors, to, actor, at);
  }

  /** Where a held sync stands. */
  public enum Status {
    PENDING,
    APPROVED,
    REJECTED
  }
}
