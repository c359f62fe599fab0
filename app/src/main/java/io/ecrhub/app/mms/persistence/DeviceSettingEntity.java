package io.ecrhub.app.mms.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code mms_device_setting}: the toggles MMS last reported for a device. */
@Entity
@Table(name = "mms_device_setting")
class DeviceSettingEntity {
  @Id
  @Column(name = "device_id")
  String deviceId;

  @Column(name = "https")
  boolean https;

  @Column(name = "encryption")
  boolean encryption;

  @Column(name = "source")
  String source;

  @Column(name = "seen_at")
  Instant seenAt;
}
