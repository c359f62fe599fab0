package io.ecrhub.domain.terminal;

/** The hardware model. Landi A8/A8S take every channel; the PAX A920 takes QR channels only. */
public enum TerminalModel {
  LANDI_A8("Landi A8", true),
  LANDI_A8S("Landi A8S", true),
  PAX_A920("PAX A920", false),
  /** Model not known yet: nothing is refused up front. */
  UNKNOWN("unknown", true);

  private final String displayName;
  private final boolean cardReader;

  TerminalModel(String displayName, boolean cardReader) {
    this.displayName = displayName;
    this.cardReader = cardReader;
  }

  public String displayName() {
    return displayName;
  }

  /** Whether this model can take {@code channel}. */
  public boolean supports(Channel channel) {
    return cardReader || !channel.isCardScheme();
  }

  public static TerminalModel parse(String text) {
    if (text == null || text.isBlank()) {
      return UNKNOWN;
    }
    String norm = text.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]+", "_");
    for (TerminalModel m : values()) {
      if (m.name().equals(norm)) {
        return m;
      }
    }
    throw new io.ecrhub.domain.shared.ValidationException(
        "INVALID_MODEL", "model", "model must be one of LANDI_A8, LANDI_A8S, PAX_A920");
  }
}
