package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.RefundFixture;
import io.ecrhub.domain.testing.TestMoney;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RefundStateMachineTest {
  private static final Instant LATER = MutableClock.DEFAULT_START.plusSeconds(30);
  private static final Payment PAYMENT = PaymentFixture.succeeded();

  static List<org.junit.jupiter.params.provider.Arguments> pairs() {
    return Transitions.allPairs();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void everyPairOfStatuses_legalOnesMoveAndRaiseAnEvent_illegalOnesAreRefused(
      TransactionStatus from, TransactionStatus to) {
    Refund r = RefundFixture.of(PAYMENT).status(from).build();

    if (Transitions.legal(from, to)) {
      moveTo(r, to);

      assertThat(r.status()).isEqualTo(to);
      List<TransactionEvent> events = r.drainEvents();
      assertThat(events).hasSize(1);
      TransactionEvent e = events.get(0);
      assertThat(e.type()).isEqualTo("refund." + to.name().toLowerCase(Locale.ROOT));
      assertThat(e.from()).isEqualTo(from);
      assertThat(e.to()).isEqualTo(to);
      assertThat(e.aggregateId()).isEqualTo(r.id().value());
      assertThat(e.paymentId()).isEqualTo(PAYMENT.id().value());
      assertThat(e.occurredAt()).isEqualTo(LATER);
    } else {
      assertThatThrownBy(() -> moveTo(r, to))
          .isInstanceOf(TransitionRefusedException.class)
          .hasMessageContaining("refund " + r.id());
      assertThat(r.status()).isEqualTo(from);
      assertThat(r.drainEvents()).isEmpty();
    }
  }

  @Test
  void external_isRecordedAsSucceededWithAnEvent() {
    Refund r =
        Refund.external(
            new Refund.Facts(
                new RefundId("ref_x"), PAYMENT.id(), PAYMENT.terminalId(), TestMoney.hkd("1.00")),
            Syssn.of("r-1"),
            LATER);

    assertThat(r.isExternal()).isTrue();
    assertThat(r.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(r.drainEvents())
        .extracting(TransactionEvent::type)
        .containsExactly("refund.succeeded");
  }

  @Test
  void create_refusesANonPositiveAmount() {
    assertThatThrownBy(
            () ->
                Refund.create(
                    new Refund.Facts(
                        new RefundId("ref_0"),
                        PAYMENT.id(),
                        PAYMENT.terminalId(),
                        TestMoney.hkd("0.00")),
                    RefundRoute.TERMINAL,
                    null,
                    null,
                    LATER))
        .hasMessageContaining("positive");
  }

  private static void moveTo(Refund r, TransactionStatus to) {
    switch (to) {
      case IN_PROGRESS -> r.markInProgress(LATER);
      case SUCCEEDED -> r.succeed(Syssn.of("r-1"), "6000", null, false, LATER);
      case DECLINED -> r.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "declined", LATER);
      case CANCELLED -> r.cancel("6001", LATER);
      case FAILED -> r.fail(DeclineReason.UNREACHABLE, "CONNECT_FAILED", "refused", LATER);
      case UNKNOWN -> r.markUnknown("no answer", LATER);
      case PENDING -> throw new IllegalArgumentException("no transition enters PENDING");
    }
  }
}
