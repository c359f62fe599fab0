package io.ecrhub.domain.terminal;

import java.util.Objects;

/**
 * What a live signal says about a terminal's configuration: the status it implies, the evidence and
 * the precise fix for the operator, as {@link TerminalHealth} interprets it.
 */
public record DriftFinding(TerminalStatus status, String evidence, String fix) {
  public DriftFinding {
    Objects.requireNonNull(status);
    Objects.requireNonNull(evidence);
    fix = fix == null ? "" : fix;
  }

  /** The finding of a {@link TerminalHealth} observation. */
  public static DriftFinding of(TerminalHealth.Observation o) {
    return new DriftFinding(o.status(), o.evidence(), o.fix());
  }

  /** Whether this is a problem (anything but {@link TerminalStatus#ONLINE}). */
  public boolean isDrift() {
    return status != TerminalStatus.ONLINE;
  }

  /** Evidence and fix as one status detail line. */
  public String detail() {
    return fix.isEmpty() ? evidence : evidence + " Fix: " + fix;
  }
}
