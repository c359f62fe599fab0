package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code terminal}; the POS key only ever sealed. */
@Entity
@Table(name = "terminal")
class TerminalEntity extends VersionedRow {
  @Column(name = "name")
  String name;

  @Column(name = "host")
  String host;

  @Column(name = "port")
  int port;

  @Column(name = "transport")
  String transport;

  @Column(name = "encryption")
  boolean encryption;

  @Column(name = "pos_key_sealed")
  String posKeySealed;

  @Column(name = "model")
  String model;

  @Column(name = "app_version")
  String appVersion;

  @Column(name = "store_id")
  String storeId;

  @Column(name = "device_id")
  String deviceId;

  /** Payments not sent over the LAN are pushed through QFPay's cloud (V51). */
  @Column(name = "cloud_fallback")
  boolean cloudFallback;

  @Column(name = "tcp_framing")
  String tcpFraming;

  @Column(name = "status")
  String status;

  @Column(name = "status_detail")
  String statusDetail;

  /** Accepted currencies, e.g. {@code HKD,USD}; null for the hub-wide default. */
  @Column(name = "currencies")
  String currencies;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "updated_at")
  Instant updatedAt;
}
