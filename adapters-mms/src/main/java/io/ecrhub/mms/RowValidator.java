package io.ecrhub.mms;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.PosKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns raw rows into devices or row errors. Reasons say what was expected and never quote a cell:
 * a shifted column could put a POS key into any field.
 */
final class RowValidator {
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern HOST_OR_IPV6 =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");

  private final ImportOptions options;
  private final List<DeviceConfig> devices = new ArrayList<>();
  private final List<Integer> deviceRows = new ArrayList<>();
  private final List<RowError> errors = new ArrayList<>();

  RowValidator(ImportOptions options) {
    this.options = options;
  }

  /** A row that could not be read as fields at all. */
  void unreadableRow(int row, String reason) {
    errors.add(new RowError(row, "row", reason));
  }

  /** Validates one row; blank values count as missing. */
  void row(int row, Map<Field, String> raw) {
    Map<Field, String> v = new LinkedHashMap<>();
    raw.forEach((f, s) -> v.put(f, s == null ? "" : s.strip()));
    String deviceId = v.getOrDefault(Field.DEVICE_ID, "");
    List<RowError> rowErrors = new ArrayList<>();
    String knownId = DEVICE_ID.matcher(deviceId).matches() ? deviceId : null;
    if (deviceId.isEmpty()) {
      rowErrors.add(err(row, Field.DEVICE_ID, "is required", null));
    } else if (knownId == null) {
      rowErrors.add(err(row, Field.DEVICE_ID, "must be 1-64 of A-Z, a-z, 0-9, _ . : -", null));
    }
    String name = v.getOrDefault(Field.NAME, "");
    if (name.length() > 100) {
      rowErrors.add(err(row, Field.NAME, "must be at most 100 characters", knownId));
    }
    PosKey key = key(row, v.getOrDefault(Field.POS_KEY, ""), knownId, rowErrors);
    Boolean https = flag(row, Field.HTTPS, v.getOrDefault(Field.HTTPS, ""), knownId, rowErrors);
    Boolean enc =
        flag(row, Field.ENCRYPTION, v.getOrDefault(Field.ENCRYPTION, ""), knownId, rowErrors);
    String ip = v.getOrDefault(Field.IP, "");
    if (!ip.isEmpty() && !validHost(ip)) {
      rowErrors.add(err(row, Field.IP, "must be an IPv4/IPv6 address or a host name", knownId));
    }
    if (!rowErrors.isEmpty()) {
      errors.addAll(rowErrors);
      return;
    }
    devices.add(
        new DeviceConfig(
            deviceId, name.isEmpty() ? null : name, key, https, enc, ip.isEmpty() ? null : ip));
    deviceRows.add(row);
  }

  /** The snapshot; a device listed on several rows is rejected on every one of them. */
  ConfigSnapshot snapshot(String source) {
    Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      rowsById
          .computeIfAbsent(devices.get(i).deviceId(), k -> new ArrayList<>())
          .add(deviceRows.get(i));
    }
    List<DeviceConfig> good = new ArrayList<>();
    List<RowError> all = new ArrayList<>(errors);
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig d = devices.get(i);
      List<Integer> rows = rowsById.get(d.deviceId());
      if (rows.size() > 1) {
        all.add(
            err(
                deviceRows.get(i),
                Field.DEVICE_ID,
                "appears on rows " + rows + "; each device must appear once",
                d.deviceId()));
      } else {
        good.add(d);
      }
    }
    all.sort(java.util.Comparator.comparingInt(RowError::row));
    return new ConfigSnapshot(source, good, all);
  }

  private PosKey key(int row, String text, String id, List<RowError> out) {
    if (text.isEmpty()) {
      out.add(err(row, Field.POS_KEY, "is required", id));
      return null;
    }
    try {
      return PosKey.of(text, options.allowPublishedDefaultKey());
    } catch (ValidationException e) {
      out.add(
          err(
              row,
              Field.POS_KEY,
              "DEFAULT_POS_KEY_REFUSED".equals(e.code())
                  ? "is QFPay's published default key, which is public knowledge; generate a new"
                      + " key in the Haojin app (My > Settings > POS-Key)"
                  : "must be 16, 24 or 32 characters without spaces (as MMS shows it)",
              id));
      return null;
    }
  }

  private static Boolean flag(int row, Field f, String text, String id, List<RowError> out) {
    Boolean b = parseFlag(text);
    if (b == null) {
      out.add(
          err(
              row,
              f,
              text.isEmpty()
                  ? "is required (yes/no, on/off, true/false or 1/0)"
                  : "must be yes/no, on/off, true/false or 1/0",
              id));
    }
    return b;
  }

  static Boolean parseFlag(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "yes", "y", "on", "true", "t", "1", "enabled", "enable", "open", "是", "開", "开" ->
          Boolean.TRUE;
      case "no",
          "n",
          "off",
          "false",
          "f",
          "0",
          "disabled",
          "disable",
          "close",
          "closed",
          "否",
          "關",
          "关" ->
          Boolean.FALSE;
      default -> null;
    };
  }

  static boolean validHost(String s) {
    if (DIGITS_AND_DOTS.matcher(s).matches()) {
      return IPV4.matcher(s).matches();
    }
    return HOST_OR_IPV6.matcher(s).matches();
  }

  private static RowError err(int row, Field f, String reason, String deviceId) {
    return new RowError(row, f.label(), f.label() + " " + reason, deviceId);
  }
}
