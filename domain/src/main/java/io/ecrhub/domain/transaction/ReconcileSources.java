package io.ecrhub.domain.transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Which sources reconciliation asked on its latest attempt (the terminal, QFPay's cloud) and what
 * each said, stored with the transaction as one {@code source: answer} per line (ADR 0015).
 */
public final class ReconcileSources {
  /** The column's width; each answer is clipped to {@link #MAX_ANSWER} so two always fit. */
  public static final int MAX_LENGTH = 500;

  static final int MAX_ANSWER = 200;

  /** One source's answer. */
  public record Said(String source, String answer) {}

  private ReconcileSources() {}

  /** The stored text of {@code said}, answers clipped, line breaks flattened. */
  static String format(List<Said> said) {
    StringBuilder b = new StringBuilder();
    for (Said s : said) {
      String answer = s.answer() == null ? "" : s.answer().replaceAll("[\\r\\n]+", " ");
      if (answer.length() > MAX_ANSWER) {
        answer = answer.substring(0, MAX_ANSWER - 1) + "…";
      }
      String line = s.source() + ": " + answer;
      if (b.length() + line.length() + 1 > MAX_LENGTH) {
        break;
      }
      b.append(b.isEmpty() ? "" : "\n").append(line);
    }
    return b.toString();
  }

  /** The answers in stored {@code text} (null: none). */
  public static List<Said> parse(String text) {
    List<Said> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String line : text.split("\n")) {
      int colon = line.indexOf(": ");
      out.add(
          colon < 0
              ? new Said("", line)
              : new Said(line.substring(0, colon), line.substring(colon + 2)));
    }
    return out;
  }
}
