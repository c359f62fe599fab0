package io.ecrhub.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The live, switchable settings of one simulated terminal (read on every request). */
final class TerminalSettings {
  final String terminalId;
  final String currency;
  final Integer declineCents;
  volatile String posKey;
  volatile boolean encryption;
  volatile boolean encryptResponses;
  volatile Duration cardWait;
  volatile Duration refundWait;
  volatile Fault fault = Fault.none();
  volatile URI notifyUrl;
  volatile String notifyKey;

  /** A one-shot decline message consumed by the next payment or refund. */
  final AtomicReference<String> declineNext = new AtomicReference<>();

  TerminalSettings(TerminalConfig c) {
    terminalId = c.id();
    currency = c.currency();
    declineCents = c.declineCents();
    posKey = c.posKey();
    encryption = c.encryption();
    encryptResponses = c.encryptResponses();
    cardWait = c.cardWait();
    refundWait = c.refundWait();
    notifyUrl = c.notifyUrl();
    notifyKey = c.notifyKey();
  }
}
