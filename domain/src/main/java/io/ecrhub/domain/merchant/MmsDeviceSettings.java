package io.ecrhub.domain.merchant;

import java.util.Optional;

/**
 * Port: the toggles MMS last reported per device, as imported (whether or not the change was
 * applied yet), so diagnostics can say what MMS says.
 */
public interface MmsDeviceSettings {
  void record(MmsDeviceSetting setting);

  Optional<MmsDeviceSetting> find(String deviceId);
}
