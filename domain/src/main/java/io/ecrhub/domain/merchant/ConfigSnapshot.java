package io.ecrhub.domain.merchant;

import java.util.List;

/** What a configuration source delivered: usable devices plus rows rejected with reasons. */
public record ConfigSnapshot(String source, List<DeviceConfig> devices, List<RowError> errors) {
  public ConfigSnapshot {
    devices = List.copyOf(devices);
    errors = List.copyOf(errors);
  }
}
