package io.ecrhub.app.mms.persistence;

import io.ecrhub.domain.merchant.MmsDeviceSetting;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Adapter: what MMS last said per device, in {@code mms_device_setting}. */
@ApplicationScoped
@Transactional
public class JpaMmsDeviceSettings implements MmsDeviceSettings {
  private final EntityManager em;

  @Inject
  JpaMmsDeviceSettings(EntityManager em) {
    this.em = em;
  }

  @Override
  public void record(MmsDeviceSetting s) {
    DeviceSettingEntity row = em.find(DeviceSettingEntity.class, s.deviceId());
    boolean fresh = row == null;
    if (fresh) {
      row = new DeviceSettingEntity();
      row.deviceId = s.deviceId();
    }
    row.https = s.https();
    row.encryption = s.encryption();
    row.source = JpaConfigAudit.clip(s.source(), 300);
    row.seenAt = s.seenAt();
    if (fresh) {
      em.persist(row);
    }
  }

  @Override
  public Optional<MmsDeviceSetting> find(String deviceId) {
    return Optional.ofNullable(em.find(DeviceSettingEntity.class, deviceId))
        .map(r -> new MmsDeviceSetting(r.deviceId, r.https, r.encryption, r.source, r.seenAt));
  }
}
