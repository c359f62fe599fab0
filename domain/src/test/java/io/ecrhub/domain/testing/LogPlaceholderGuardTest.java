package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogPlaceholderGuardTest {

  private static LogRecord record(String pattern, Object... params) {
    LogRecord r = new LogRecord(Level.SEVERE, pattern);
    r.setParameters(params);
    return r;
  }

  @Test
  void anApostropheInAMessageFormatPattern_leavesThePlaceholdersAndIsCaught() {
    LogRecord r = record("could not record the terminal's answer for payment {0}: {1}", "p", "e");
    assertThat(LogPlaceholderGuard.formatted(r)).contains("{0}");
    assertThat(LogPlaceholderGuard.unformatted(r)).isTrue();
  }

  @Test
  void aMissingArgument_orAnSlf4jAnchor_orAPrintfConversion_isCaught() {
    assertThat(LogPlaceholderGuard.unformatted(record("payment {0} of {1}", "p"))).isTrue();
    assertThat(LogPlaceholderGuard.unformatted(record("payment {} failed", "p"))).isTrue();
    assertThat(LogPlaceholderGuard.unformatted(record("payment %s failed", "p"))).isTrue();
  }

  @Test
  void anEmptyMapInTheText_isNotAPlaceholder() {
    assertThat(LogPlaceholderGuard.unformatted(record("headers: {}"))).isFalse();
    assertThat(LogPlaceholderGuard.unformatted(record("headers: {0}", java.util.Map.of())))
        .isFalse();
  }

  @Test
  void aFormattedMessage_passes() {
    assertThat(
            LogPlaceholderGuard.unformatted(
                record("could not record the terminal''s answer for payment {0}: {1}", "p", "e")))
        .isFalse();
    assertThat(LogPlaceholderGuard.formatted(record("payment {0} of {1}", "p", "q")))
        .isEqualTo("payment p of q");
  }
}
