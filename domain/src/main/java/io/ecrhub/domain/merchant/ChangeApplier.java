package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies one device's change to the registry, re-checked against the terminal as it is now. Runs
 * inside the caller's unit of work: it either saves the whole device or throws.
 */
final class ChangeApplier {
  private final Terminals terminals;
  private final IdGenerator ids;
  private final TerminalHealth health;

  ChangeApplier(Terminals terminals, IdGenerator ids, TerminalHealth health) {
    this.terminals = terminals;
    this.ids = ids;
    this.health = health;
  }

  /** The change actually applied; empty when the registry already matches. */
  Optional<DeviceChange> apply(DeviceChange change, Instant now) {
    if (change.has(ChangeKind.REMOVED)) {
      Terminal t =
          terminals
              .findById(change.terminalId())
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "TERMINAL_NOT_FOUND", "terminal " + change.terminalId() + " is gone"));
      if (t.isDisabled()) {
        return Optional.empty();
      }
      t.disable(now);
      terminals.save(t);
      return Optional.of(change);
    }
    DeviceConfig row = change.incoming();
    Optional<Terminal> current =
        change.terminalId() != null
            ? terminals.findById(change.terminalId())
            : terminals.findByDeviceId(row.deviceId());
    if (current.isEmpty()) {
      return Optional.of(create(row, now));
    }
    Terminal t = current.get();
    boolean link = change.has(ChangeKind.LINKED) && t.deviceId().isEmpty();
    Optional<DeviceChange> fresh = ConfigDiff.compare(row, t, link);
    fresh.ifPresent(c -> update(t, c, now));
    return fresh;
  }

  private DeviceChange create(DeviceConfig row, Instant now) {
    if (row.ip() == null) {
      throw new ValidationException(
          "NEW_DEVICE_WITHOUT_IP",
          "ip",
          "device "
              + row.deviceId()
              + " is new and the source gives no IP address: add the ip column or register the"
              + " terminal by hand with this device id");
    }
    Terminal t =
        Terminal.builder()
            .id(newId(row.deviceId()))
            .name(row.name() == null || row.name().isBlank() ? row.deviceId() : row.name())
            .host(row.ip())
            .transport(row.https() ? Transport.HTTPS : Transport.HTTP)
            .encryption(row.encryption())
            .posKey(row.posKey())
            .deviceId(row.deviceId())
            .status(TerminalStatus.NEW)
            .createdAt(now)
            .build();
    terminals.save(t);
    return new DeviceChange(
        row.deviceId(),
        t.id(),
        EnumSet.of(ChangeKind.NEW),
        row,
        List.of("registered as terminal " + t.id() + " at " + row.ip()));
  }

  private void update(Terminal t, DeviceChange c, Instant now) {
    DeviceConfig row = c.incoming();
    Transport transport = t.transport();
    if (c.has(ChangeKind.HTTPS_TOGGLED)) {
      transport = row.https() ? Transport.HTTPS : Transport.HTTP;
      Optional<AppVersion> v = t.appVersion();
      if (transport == Transport.HTTPS && v.isPresent() && !v.get().supportsHttps()) {
        throw new ValidationException(
            "HTTPS_NEEDS_NEWER_APP",
            "https",
            "MMS has HTTPS on, but terminal "
                + t.id()
                + " runs Haojin "
                + v.get()
                + "; update the app to "
                + AppVersion.HTTPS_MINIMUM
                + " or newer first");
      }
    }
    String host = c.has(ChangeKind.IP_CHANGED) ? row.ip() : t.host();
    if (!host.equals(t.host()) || transport != t.transport()) {
      t.moveTo(host, t.port(), transport);
    }
    if (c.has(ChangeKind.NAME_CHANGED)) {
      t.rename(row.name());
    }
    if (c.has(ChangeKind.LINKED)) {
      t.setDeviceId(row.deviceId());
    }
    if (c.has(ChangeKind.KEY_CHANGED)) {
      t.changeKey(row.posKey());
    }
    if (c.has(ChangeKind.ENCRYPTION_TOGGLED)) {
      t.setEncryption(row.encryption());
    }
    health.configurationResynced(t, now);
    t.touch(now);
    terminals.save(t);
  }

  private TerminalId newId(String deviceId) {
    String base = deviceId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    base = base.replaceAll("^-+|-+$", "");
    if (base.length() > 40) {
      base = base.substring(0, 40);
    }
    if (!base.isEmpty() && terminals.findById(TerminalId.of(base)).isEmpty()) {
      return TerminalId.of(base);
    }
    String gen = "t-" + ids.next();
    return TerminalId.of(gen.length() > 40 ? gen.substring(0, 40) : gen);
  }
}
