package io.ecrhub.domain.diagnostics;

import java.util.Locale;

/**
 * The checks of QFPay's ECR HTTPS checklist and troubleshooting list, in the order they run. Each
 * carries the title shown to operators.
 */
public enum CheckId {
  MMS_HTTPS("MMS has 'Enable Https' on for this device"),
  ANSWER_ASSURANCE("Terminal answers come from an authenticated peer (pinned HTTPS or serial)"),
  TCP_ECR_PORT("TCP connection to the ECR port (9001)"),
  TCP_RAW_PORT("TCP connection to the raw TCP port (9002)"),
  TLS_HANDSHAKE("TLS handshake on the ECR port"),
  CA_CHAIN("Certificate chain ends at QFPay's CA"),
  CA_FINGERPRINT("QFPay CA fingerprints match the published SHA-256 and SHA-1"),
  LEAF_VALIDITY("Terminal certificate is in date"),
  LEAF_SAN("Terminal certificate names the configured IP"),
  LEAF_PIN("Terminal certificate is the pinned one"),
  ECR_KEY("ECR service answers with the configured POS key"),
  APP_LOGGED_IN("Haojin app is logged in"),
  APP_VERSION("Haojin app version supports ECR over HTTPS (4.34.12+)"),
  NOTIFICATIONS("Notification URL configured and notifications verified"),
  IP_STABILITY("Terminal IP address is stable");

  private final String title;

  CheckId(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** Stable lowercase id for APIs and JSON, e.g. {@code tls_handshake}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
