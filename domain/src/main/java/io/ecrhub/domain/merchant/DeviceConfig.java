package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.PosKey;
import java.util.Objects;

/**
 * One device row of the MMS "POS Key List".
 *
 * @param deviceId device id / serial as MMS shows it
 * @param ip the terminal's LAN address if known, else null
 */
public record DeviceConfig(
    String deviceId, String name, PosKey posKey, boolean https, boolean encryption, String ip) {
  public DeviceConfig {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(posKey, "posKey");
  }
}
