package io.ecrhub.domain.terminal;

/** What the hub last learned about a terminal, each with the fix an operator should apply. */
public enum TerminalStatus {
  NEW("Not contacted yet.", "Run diagnostics or take a payment."),
  ONLINE("Answering with the configured key.", ""),
  UNREACHABLE(
      "Cannot connect.",
      "Check the terminal is on, the Haojin app is open, the IP is right (use a DHCP reservation),"
          + " and no Wi-Fi client isolation or firewall blocks port 9001."),
  KEY_MISMATCH(
      "The terminal refused the POS key or could not decrypt (4003/5001).",
      "Re-import the POS key list from MMS, check the encryption toggle, then restart or re-login"
          + " the Haojin app so it picks up the MMS change."),
  LOGGED_OUT("The Haojin app is logged out (4007).", "Restart or re-login the Haojin app."),
  HTTPS_MISMATCH(
      "The configured transport does not match the terminal (TLS handshake failed or not offered).",
      "Check 'Enable Https' in MMS (POS Key List), restart the app, and set the terminal's"
          + " transport to match."),
  CERTIFICATE_CHANGED(
      "The terminal presented a different certificate than the pinned one.",
      "Verify the terminal (IP change or app reinstall regenerates the certificate) and approve the"
          + " new certificate in the console."),
  CERTIFICATE_UNTRUSTED(
      "The terminal's certificate does not chain to QFPay's CA or does not match its IP.",
      "Make sure HTTPS is enabled in MMS and the app regenerated its certificate for this IP."),
  DISABLED("Disabled by an operator.", "Enable the terminal.");

  private final String meaning;
  private final String fix;

  TerminalStatus(String meaning, String fix) {
    this.meaning = meaning;
    this.fix = fix;
  }

  public String meaning() {
    return meaning;
  }

  public String fix() {
    return fix;
  }
}
