package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PaymentStateMachineTest {
  private static final Instant LATER = MutableClock.DEFAULT_START.plusSeconds(30);

  static List<org.junit.jupiter.params.provider.Arguments> pairs() {
    return Transitions.allPairs();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void everyPairOfStatuses_legalOnesMoveAndRaiseAnEvent_illegalOnesAreRefused(
      TransactionStatus from, TransactionStatus to) {
    Payment p = PaymentFixture.inStatus(from);
    long versionBefore = p.version();

    if (Transitions.legal(from, to)) {
      moveTo(p, to);

      assertThat(p.status()).isEqualTo(to);
      assertThat(p.updatedAt()).isEqualTo(LATER);
      List<TransactionEvent> events = p.drainEvents();
      assertThat(events).hasSize(1);
      TransactionEvent e = events.get(0);
      assertThat(e.type()).isEqualTo("payment." + to.name().toLowerCase(Locale.ROOT));
      assertThat(e.from()).isEqualTo(from);
      assertThat(e.to()).isEqualTo(to);
      assertThat(e.aggregateId()).isEqualTo(p.id().value());
      assertThat(e.paymentId()).isEqualTo(p.id().value());
      assertThat(e.terminalId()).isEqualTo(p.terminalId());
      assertThat(e.occurredAt()).isEqualTo(LATER);
      assertThat(p.drainEvents()).as("drained once").isEmpty();
    } else {
      assertThatThrownBy(() -> moveTo(p, to))
          .isInstanceOf(TransitionRefusedException.class)
          .hasMessageContaining(from + " to " + to)
          .extracting(ex -> ((TransitionRefusedException) ex).code())
          .isEqualTo("ILLEGAL_TRANSITION");
      assertThat(p.status()).isEqualTo(from);
      assertThat(p.drainEvents()).isEmpty();
    }
    assertThat(p.version()).isEqualTo(versionBefore);
  }

  @ParameterizedTest
  @EnumSource(TransactionStatus.class)
  void nothingEverReturnsToPending(TransactionStatus from) {
    assertThat(StateMachine.allowed(from, TransactionStatus.PENDING)).isFalse();
  }

  @Test
  void theImplementedTableIsTheDocumentedOne() {
    for (TransactionStatus from : TransactionStatus.values()) {
      for (TransactionStatus to : TransactionStatus.values()) {
        assertThat(StateMachine.allowed(from, to))
            .as(from + " -> " + to)
            .isEqualTo(Transitions.legal(from, to));
      }
    }
  }

  @Test
  void create_raisesAPendingEvent() {
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId("pay_1"),
                io.ecrhub.domain.testing.TerminalFixture.DEFAULT_ID,
                io.ecrhub.domain.testing.TestMoney.hkd("10.50"),
                Channel.WX,
                OutTradeNo.of("EH1"),
                null,
                null,
                "fp"),
            MutableClock.DEFAULT_START);

    assertThat(p.drainEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("payment.pending");
              assertThat(e.from()).isNull();
              assertThat(e.to()).isEqualTo(TransactionStatus.PENDING);
            });
    assertThat(p.version()).isZero();
  }

  private static void moveTo(Payment p, TransactionStatus to) {
    switch (to) {
      case IN_PROGRESS -> p.markInProgress(LATER);
      case SUCCEEDED ->
          p.succeed(Syssn.of("123"), "VISA", "520000******1096", "6000", null, false, LATER);
      case DECLINED -> p.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "declined", LATER);
      case CANCELLED -> p.cancel("6001", LATER);
      case FAILED -> p.fail(DeclineReason.UNREACHABLE, "CONNECT_FAILED", "refused", LATER);
      case UNKNOWN -> p.markUnknown("no answer", LATER);
      case PENDING -> throw new IllegalArgumentException("no transition enters PENDING");
    }
  }
}
