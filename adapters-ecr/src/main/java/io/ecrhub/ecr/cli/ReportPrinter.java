package io.ecrhub.ecr.cli;

import io.ecrhub.domain.diagnostics.CheckStatus;
import io.ecrhub.domain.diagnostics.DiagnosticCheck;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a diagnostics report as readable text or as JSON. */
final class ReportPrinter {
  private static final int WRAP = 96;

  private ReportPrinter() {}

  static void text(DiagnosticReport r, String heading, PrintWriter out) {
    out.println(heading);
    out.println();
    for (DiagnosticCheck c : r.checks()) {
      out.printf("  %-5s %s%n", label(c.status()), c.id().title());
      wrap(out, "evidence: ", c.evidence());
      if (!c.fix().isEmpty()) {
        wrap(out, "fix:      ", c.fix());
      }
    }
    out.println();
    out.printf(
        "Result: %s (exit %d): %d pass, %d warn, %d fail, %d skipped%n",
        label(r.overall()),
        r.exitCode(),
        count(r, CheckStatus.PASS),
        count(r, CheckStatus.WARN),
        count(r, CheckStatus.FAIL),
        count(r, CheckStatus.SKIPPED));
    out.flush();
  }

  static void json(DiagnosticReport r, Map<String, Object> target, PrintWriter out)
      throws EcrCodecException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target", target);
    m.put("at", r.at().toString());
    m.put("overall", r.overall().name());
    m.put("exitCode", r.exitCode());
    List<Object> checks = new ArrayList<>();
    for (DiagnosticCheck c : r.checks()) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("id", c.id().key());
      cm.put("title", c.id().title());
      cm.put("status", c.status().name());
      cm.put("evidence", c.evidence());
      cm.put("fix", c.fix());
      checks.add(cm);
    }
    m.put("checks", checks);
    out.println(Json.write(m));
    out.flush();
  }

  private static long count(DiagnosticReport r, CheckStatus s) {
    return r.checks().stream().filter(c -> c.status() == s).count();
  }

  private static String label(CheckStatus s) {
    return s == CheckStatus.SKIPPED ? "SKIP" : s.name();
  }

  private static void wrap(PrintWriter out, String prefix, String text) {
    String indent = " ".repeat(8);
    StringBuilder line = new StringBuilder(indent).append(prefix);
    int start = line.length();
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > WRAP && line.length() > start) {
        out.println(line);
        line = new StringBuilder(indent).append(" ".repeat(prefix.length()));
      } else if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line);
  }
}
