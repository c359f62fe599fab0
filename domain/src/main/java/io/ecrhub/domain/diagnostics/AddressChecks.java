package io.ecrhub.domain.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** IP stability: warns after an address change and suggests a DHCP reservation. */
final class AddressChecks {
  private AddressChecks() {}

  static DiagnosticCheck stability(List<AddressSighting> history, Instant now, Duration recent) {
    CheckId id = CheckId.IP_STABILITY;
    if (history.isEmpty()) {
      return DiagnosticCheck.skipped(id, "no address history yet");
    }
    Set<String> ips = new LinkedHashSet<>();
    history.forEach(s -> ips.add(s.ip()));
    AddressSighting current = history.get(history.size() - 1);
    if (ips.size() == 1) {
      return DiagnosticCheck.pass(
          id, "seen only at " + current.ip() + " since " + history.get(0).firstSeen());
    }
    AddressSighting previous = null;
    for (int i = history.size() - 2; i >= 0 && previous == null; i--) {
      if (!history.get(i).ip().equals(current.ip())) {
        previous = history.get(i);
      }
    }
    String evidence =
        "address changed from "
            + (previous == null ? "?" : previous.ip())
            + " to "
            + current.ip()
            + " at "
            + current.firstSeen()
            + "; addresses seen: "
            + ips;
    if (current.firstSeen() != null && current.firstSeen().plus(recent).isAfter(now)) {
      String mac = current.mac() == null ? "" : " (MAC " + current.mac() + ")";
      return DiagnosticCheck.warn(id, evidence, Fixes.DHCP_RESERVATION + mac);
    }
    return DiagnosticCheck.pass(id, "stable since " + current.firstSeen() + "; " + evidence);
  }
}
