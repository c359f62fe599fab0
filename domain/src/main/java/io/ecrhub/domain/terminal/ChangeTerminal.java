package io.ecrhub.domain.terminal;

import java.util.Optional;

/** Use case: an admin changes a terminal (address, key, toggles, model, enabled...). */
public interface ChangeTerminal {
  /**
   * Applies the change in one unit of work. A terminal that moves (transport, host or port) loses
   * its certificate pin and its new address is recorded in its address history.
   */
  Terminal change(TerminalId id, Command command);

  /**
   * Changes to a terminal; a null field stays as it is. For the optional fields null means
   * unchanged and empty means cleared (no app version, no device id, the hub's default currencies).
   * A new transport without a port moves the terminal to that transport's default port. A move to
   * CLOUD takes no host or port (the Device ID names the terminal).
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
      Optional<AppVersion> appVersion,
      Optional<String> deviceId,
      Boolean enabled,
      Optional<Currencies> currencies,
      Boolean cloudFallback) {
    // for the Optional components null means unchanged, empty means cleared
    public Command {
      if (deviceId != null && deviceId.isPresent()) {
        deviceId = Optional.ofNullable(RegisterTerminal.DeviceIds.normalised(deviceId.get()));
      }
    }

    @Override
    public String toString() {
      return "ChangeTerminal[" + name + " " + transport + " " + host + ":" + port + "]";
    }
  }
}
