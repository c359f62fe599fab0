package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Row of {@code terminal_lease}: who holds a terminal until when (no row: the terminal is free).
 */
@Entity
@Table(name = "terminal_lease")
class TerminalLeaseEntity {
  @Id
  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "holder")
  String holder;

  @Column(name = "expires_at")
  Instant expiresAt;
}
