package io.ecrhub.domain.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when a log line written while it ran (by any thread) still shows a placeholder:
 * {@code {0}} (System.Logger and JBoss {@code *v} methods use {@link java.text.MessageFormat},
 * where an apostrophe quotes the rest of the pattern and a missing argument leaves the
 * placeholder), {@code {}} (SLF4J style passed to a MessageFormat logger) or {@code %s} (printf
 * style with a missing argument).
 *
 * <p>It sees the real output: a handler on the root {@code java.util.logging} logger formats every
 * record as the console would. Registered for every JUnit test that has the domain test-jar on its
 * class path, through {@code META-INF/services} and {@code junit-platform.properties} (extension
 * autodetection): the domain, the adapters and the app (also under Quarkus, whose JBoss LogManager
 * is a {@code java.util.logging} implementation).
 */
public final class LogPlaceholderGuard implements BeforeEachCallback, AfterEachCallback {
  /** A MessageFormat argument left in the printed text. */
  static final Pattern UNFORMATTED = Pattern.compile("\\{\\d+(,[^}]*)?}");

  private static final Recorder RECORDER = new Recorder();

  @Override
  public void beforeEach(ExtensionContext context) {
    install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> offenders = RECORDER.drain();
    if (!offenders.isEmpty()) {
      throw new AssertionError(
          "log lines with unformatted placeholders (fix the logging call):\n  "
              + String.join("\n  ", offenders));
    }
  }

  /** Installs the recording handler on the root logger (again, if a framework reset it). */
  static void install() {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h == RECORDER) {
        return;
      }
    }
    root.addHandler(RECORDER);
  }

  /** The text a record prints as, through its own formatting style when it has one. */
  static String formatted(LogRecord r) {
    try {
      // JBoss LogManager's ExtLogRecord knows its style (printf, MessageFormat, none)
      Method m = r.getClass().getMethod("getFormattedMessage");
      Object text = m.invoke(r);
      return text == null ? "" : text.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      String text = PLAIN.formatMessage(r);
      return text == null ? "" : text;
    }
  }

  /**
   * True when the record's printed text still holds a placeholder, as its own backend prints it or
   * as plain {@code java.util.logging} would (a System.Logger call prints through whichever backend
   * the process has: JBoss LogManager under Quarkus is lenient with apostrophes, the JDK's is not).
   */
  static boolean unformatted(LogRecord r) {
    String pattern = r.getMessage() == null ? "" : r.getMessage();
    Object[] params = r.getParameters();
    if (pattern.contains("{}") && params != null && params.length > 0) {
      return true; // SLF4J anchors given to a MessageFormat or printf logger
    }
    String printed = formatted(r);
    if (UNFORMATTED.matcher(printed).find() || (pattern.contains("%s") && printed.contains("%s"))) {
      return true;
    }
    String text = printfStyle(r) ? null : PLAIN.formatMessage(r);
    return text != null && UNFORMATTED.matcher(text).find();
  }

  /** JBoss LogManager's printf-style records ({@code infof}) are not MessageFormat patterns. */
  private static boolean printfStyle(LogRecord r) {
    try {
      Object style = r.getClass().getMethod("getFormatStyle").invoke(r);
      return style != null && "PRINTF".equals(style.toString());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static final Formatter PLAIN =
      new Formatter() {
        @Override
        public String format(LogRecord r) {
          return formatMessage(r);
        }
      };

  private static final class Recorder extends Handler {
    private final List<String> offenders = new ArrayList<>();

    Recorder() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
      if (r != null && r.getMessage() != null && unformatted(r)) {
        synchronized (offenders) {
          offenders.add(r.getLoggerName() + ": " + formatted(r));
        }
      }
    }

    List<String> drain() {
      synchronized (offenders) {
        List<String> copy = List.copyOf(offenders);
        offenders.clear();
        return copy;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
