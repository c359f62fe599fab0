package io.ecrhub.mms;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The columns of a POS Key List, with the header spellings each one accepts. */
enum Field {
  DEVICE_ID(
      "device id",
      true,
      Set.of(
          "deviceid",
          "device",
          "deviceno",
          "devicesn",
          "deviceserial",
          "serial",
          "serialno",
          "serialnumber",
          "sn",
          "terminalid",
          "termid",
          "terminal",
          "terminalsn")),
  NAME("name", false, Set.of("name", "devicename", "terminalname", "label", "alias")),
  POS_KEY("pos key", true, Set.of("poskey", "key", "poscallupkey", "ecrkey", "posecrkey")),
  HTTPS(
      "https",
      true,
      Set.of("https", "enablehttps", "httpsenabled", "ishttps", "httpson", "httpsstatus")),
  ENCRYPTION(
      "encryption",
      true,
      Set.of(
          "encryption",
          "encrypt",
          "encrypted",
          "encryptionenabled",
          "enableencryption",
          "encryptionstatus",
          "aes")),
  IP("ip", false, Set.of("ip", "ipaddress", "address", "terminalip", "deviceip", "host", "lanip"));

  private final String label;
  private final boolean required;
  private final Set<String> aliases;

  Field(String label, boolean required, Set<String> aliases) {
    this.label = label;
    this.required = required;
    this.aliases = aliases;
  }

  /** The name reported in row errors, e.g. {@code pos key}. */
  String label() {
    return label;
  }

  boolean required() {
    return required;
  }

  /** The field a header names, ignoring case, spaces, punctuation and a BOM. */
  static Optional<Field> fromHeader(String header) {
    String norm = normalise(header);
    for (Field f : values()) {
      if (f.aliases.contains(norm)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The field a config mapping names: {@code deviceId}, {@code posKey}, {@code pos_key}... */
  static Optional<Field> fromConfigName(String name) {
    String norm = normalise(name);
    for (Field f : values()) {
      if (normalise(f.name()).equals(norm) || f.aliases.contains(norm)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static String normalise(String s) {
    return s == null
        ? ""
        : s.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
