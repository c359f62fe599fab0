package io.ecrhub.app.mms.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code mms_held_sync}; the changes (with new POS keys) only ever sealed. */
@Entity
@Table(name = "mms_held_sync")
class HeldSyncEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "source")
  String source;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "status")
  String status;

  @Column(name = "changes_sealed")
  String changesSealed;

  @Column(name = "row_errors")
  String rowErrors;

  @Column(name = "resolved_by")
  String resolvedBy;

  @Column(name = "resolved_at")
  Instant resolvedAt;
}
