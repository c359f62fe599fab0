package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the store refuses the terminal's answer, the error line names the payment and the cause (its
 * placeholders are formatted), and the terminal is freed.
 */
class AnswerNotRecordedTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger("io.ecrhub.domain.transaction");
  private final Handler capture =
      new Handler() {
        private final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
          lines.add(f.formatMessage(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  @Test
  void answerTheStoreRefuses_isLoggedWithThePaymentAndTheCause() {
    InterferingPayments payments = new InterferingPayments();
    Harness h = new Harness(payments);
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    payments.beforeNextSave(
        () -> {
          throw new IllegalStateException("value too long for column failure_code");
        });

    h.channel.release(
        TerminalCommand.Pay.class,
        new TerminalOutcome.NotSent(
            TerminalOutcome.NotSentCause.CERTIFICATE_UNTRUSTED, "leaf not issued by a trusted CA"));

    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(p.id().value())
                    .contains("value too long for column failure_code")
                    .doesNotContain("{0}")
                    .doesNotContain("{1}"));
    assertThat(h.lease()).as("the terminal is freed all the same").isEmpty();
  }
}
