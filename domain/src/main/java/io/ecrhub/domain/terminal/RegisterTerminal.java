package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/** Use case: an admin registers a terminal in the registry. */
public interface RegisterTerminal {
  /**
   * Registers the terminal under a new id.
   *
   * @throws io.ecrhub.domain.shared.DomainException {@code DUPLICATE_DEVICE_ID} when the device is
   *     already registered
   */
  Terminal register(Command command);

  /**
   * What an admin gives to register a terminal; null means the default (HTTPS on its default port,
   * the model unknown, no cloud fallback...). The POS key is required. A CLOUD terminal gives its
   * {@code deviceId} and no host or port.
   */
  record Command(
      String name,
      String host,
      Integer port,
      Transport transport,
      PosKey posKey,
      Boolean encryption,
      TerminalModel model,
      String storeId,
      AppVersion appVersion,
      String deviceId,
      Boolean cloudFallback) {
    public Command {
      deviceId = DeviceIds.normalised(deviceId);
    }

    @Override
    public String toString() {
      return "RegisterTerminal[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }

  /** The device id rule of the registry (the MMS serial number a terminal is linked to). */
  final class DeviceIds {
    private DeviceIds() {}

    /** The device id, or null when blank. */
    static String normalised(String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      ValidationException.require(
          value.matches("[A-Za-z0-9_.:-]{1,64}"),
          "INVALID_DEVICE_ID",
          "deviceId",
          "deviceId must be 1-64 of letters, digits, _ . : -");
      return value;
    }
  }
}
