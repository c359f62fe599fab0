package io.ecrhub.app.mms.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code mms_config_audit} (append-only; never a key). */
@Entity
@Table(name = "mms_config_audit")
class AuditEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "at")
  Instant at;

  @Column(name = "seq")
  long seq;

  @Column(name = "sync_id")
  String syncId;

  @Column(name = "source")
  String source;

  @Column(name = "actor")
  String actor;

  @Column(name = "action")
  String action;

  @Column(name = "device_id")
  String deviceId;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "changes")
  String changes;

  @Column(name = "detail")
  String detail;
}
