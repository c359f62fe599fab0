package io.ecrhub.domain.diagnostics;

import java.util.Objects;

/**
 * One check's result: the verdict, the evidence it rests on and, unless it passed, the fix.
 *
 * @param evidence what was observed (never a secret)
 * @param fix what the operator should do; empty when nothing is needed
 */
public record DiagnosticCheck(CheckId id, CheckStatus status, String evidence, String fix) {
  public DiagnosticCheck {
    Objects.requireNonNull(id);
    Objects.requireNonNull(status);
    evidence = evidence == null ? "" : evidence;
    fix = fix == null ? "" : fix;
  }

  public static DiagnosticCheck pass(CheckId id, String evidence) {
    return new DiagnosticCheck(id, CheckStatus.PASS, evidence, "");
  }

  public static DiagnosticCheck warn(CheckId id, String evidence, String fix) {
    return new DiagnosticCheck(id, CheckStatus.WARN, evidence, fix);
  }

  public static DiagnosticCheck fail(CheckId id, String evidence, String fix) {
    return new DiagnosticCheck(id, CheckStatus.FAIL, evidence, fix);
  }

  public static DiagnosticCheck skipped(CheckId id, String why) {
    return new DiagnosticCheck(id, CheckStatus.SKIPPED, why, "");
  }
}
