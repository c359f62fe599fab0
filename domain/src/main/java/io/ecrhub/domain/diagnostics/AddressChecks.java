package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.AddressSighting;
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
      return DiagnosticCheck.warn(id, evidence, Fixes.DHCP_RESERVATION + " " + macNote(history));
    }
    return DiagnosticCheck.pass(id, "stable since " + current.firstSeen() + "; " + evidence);
  }

  /**
   * Names the MAC to bind the reservation to: the one recorded with the newest sighting that has
   * one (recorded only when the terminal answered the ECR query with its key, so it is the
   * terminal's and not whichever device holds the address now).
   */
  static String macNote(List<AddressSighting> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      AddressSighting s = history.get(i);
      if (s.mac() != null) {
        return "The terminal's MAC is "
            + s.mac()
            + (i == history.size() - 1 ? "" : " (seen when it answered at " + s.ip() + ")")
            + ".";
      }
    }
    return "MAC unknown (not on this LAN segment): the hub sees a terminal's MAC only when both"
        + " share a network segment; read it on the terminal (Android Settings > About > Status,"
        + " Wi-Fi MAC address) or in the router's list of DHCP clients.";
  }
}
