package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code certificate_pin}: pinned leaf and pending (refused) leaf, SANs one per line. */
@Entity
@Table(name = "certificate_pin")
class CertificatePinEntity {
  @Id
  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "pinned_sha256")
  String pinnedSha256;

  @Column(name = "pinned_subject")
  String pinnedSubject;

  @Column(name = "pinned_issuer")
  String pinnedIssuer;

  @Column(name = "pinned_sans")
  String pinnedSans;

  @Column(name = "pinned_not_before")
  Instant pinnedNotBefore;

  @Column(name = "pinned_not_after")
  Instant pinnedNotAfter;

  @Column(name = "pinned_at")
  Instant pinnedAt;

  @Column(name = "pending_sha256")
  String pendingSha256;

  @Column(name = "pending_subject")
  String pendingSubject;

  @Column(name = "pending_issuer")
  String pendingIssuer;

  @Column(name = "pending_sans")
  String pendingSans;

  @Column(name = "pending_not_before")
  Instant pendingNotBefore;

  @Column(name = "pending_not_after")
  Instant pendingNotAfter;

  @Column(name = "pending_since")
  Instant pendingSince;
}
