package io.ecrhub.ecr.serial;

/**
 * The payload-type byte of a USB frame (protocol doc §2.3): a request, a positive link
 * acknowledgement, or one of the error codes {@code 0x30}–{@code 0x35} that stand in place of the
 * acknowledgement.
 */
enum UsbPacketType {
  /** {@code 0x10}: a request; its data is business data (either direction). */
  REQUEST(0x10),
  /** {@code 0x20}: link acknowledgement, validation succeeded. */
  ACK(0x20),
  /** {@code 0x30}: unknown error. */
  UNKNOWN_ERROR(0x30),
  /** {@code 0x31}: format error (e.g. the first two bytes are not {@code 0x2F6E}). */
  FORMAT_ERROR(0x31),
  /** {@code 0x32}: validation error. */
  VALIDATION_ERROR(0x32),
  /** {@code 0x33}: the data segment could not be decrypted. */
  DECRYPTION_ERROR(0x33),
  /** {@code 0x34}: the data segment's format is wrong. */
  DATA_FORMAT_ERROR(0x34),
  /** {@code 0x35}: split/concatenation (fragment reassembly) error. */
  SPLIT_ERROR(0x35);

  private final int code;

  UsbPacketType(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }

  boolean isError() {
    return code >= 0x30;
  }

  /** The type for a wire byte, or null when the byte is not a known type. */
  static UsbPacketType of(int code) {
    for (UsbPacketType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name() + String.format("(0x%02X)", code);
  }
}
