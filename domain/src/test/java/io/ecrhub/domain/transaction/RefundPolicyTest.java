package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.testing.TestMoney.hkd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefundPolicyTest {
  /** 10:00 in Hong Kong. */
  private static final Instant PAID = Instant.parse("2026-03-02T02:00:00Z");

  private static final Money NONE = hkd("0");

  private static Payment paid(Channel channel, String amount) {
    return PaymentFixture.builder()
        .channel(channel)
        .amount(hkd(amount))
        .createdAt(PAID)
        .status(TransactionStatus.SUCCEEDED)
        .build();
  }

  private static String codeOf(Runnable r) {
    try {
      r.run();
    } catch (DomainException e) {
      return e.code();
    }
    throw new AssertionError("expected a refusal");
  }

  @ParameterizedTest
  @EnumSource(
      value = Channel.class,
      names = {"CARD_PAYMENT", "UNIONPAY_CARD", "AMEX_CARD"})
  void card_fullAmountSameHongKongDayBefore2300_isAllowed(Channel card) {
    Payment p = paid(card, "100.00");
    Instant at2259 = Instant.parse("2026-03-02T14:59:59Z");

    assertThat(RefundPolicy.decide(p, null, NONE, at2259)).isEqualTo(hkd("100.00"));
    assertThat(RefundPolicy.decide(p, hkd("100.00"), NONE, at2259)).isEqualTo(hkd("100.00"));
  }

  @Test
  void card_at2300HongKongTime_isRefused() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    assertThat(
            codeOf(() -> RefundPolicy.decide(p, null, NONE, Instant.parse("2026-03-02T15:00:00Z"))))
        .isEqualTo("CARD_REFUND_NOT_SAME_DAY");
  }

  @Test
  void card_nextHongKongDay_isRefusedEvenOnTheSameUtcDay() {
    Payment lateNight =
        PaymentFixture.builder()
            .channel(Channel.CARD_PAYMENT)
            .createdAt(Instant.parse("2026-03-02T15:30:00Z")) // 23:30 HKT 2 Mar
            .status(TransactionStatus.SUCCEEDED)
            .build();

    assertThat(
            codeOf(
                () ->
                    RefundPolicy.decide(
                        lateNight,
                        null,
                        NONE,
                        Instant.parse("2026-03-02T16:30:00Z")))) // 00:30 3 Mar
        .isEqualTo("CARD_REFUND_NOT_SAME_DAY");
  }

  @Test
  void card_sameHongKongDayAcrossUtcMidnight_isAllowed() {
    Payment early =
        PaymentFixture.builder()
            .channel(Channel.CARD_PAYMENT)
            .createdAt(Instant.parse("2026-03-01T17:00:00Z")) // 01:00 HKT 2 Mar
            .status(TransactionStatus.SUCCEEDED)
            .build();

    assertThat(RefundPolicy.decide(early, null, NONE, Instant.parse("2026-03-02T14:00:00Z")))
        .isEqualTo(early.amount());
  }

  @Test
  void card_partialAmount_isRefused() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    assertThat(codeOf(() -> RefundPolicy.decide(p, hkd("40.00"), NONE, PAID.plusSeconds(60))))
        .isEqualTo("CARD_REFUND_MUST_BE_FULL");
  }

  @Test
  void card_withARefundInFlight_hasNothingLeft() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    assertThat(codeOf(() -> RefundPolicy.decide(p, null, hkd("100.00"), PAID.plusSeconds(60))))
        .isEqualTo("NOTHING_TO_REFUND");
  }

  @ParameterizedTest
  @EnumSource(
      value = Channel.class,
      names = {"WX", "ALIPAY", "PAYME", "UNION", "FPS"})
  void wallets_mayRefundPartiallyOnAnyDay(Channel wallet) {
    Payment p = paid(wallet, "100.00");
    Instant nextWeek = PAID.plus(Duration.ofDays(7));

    assertThat(RefundPolicy.decide(p, hkd("40.00"), NONE, nextWeek)).isEqualTo(hkd("40.00"));
    assertThat(RefundPolicy.decide(p, null, NONE, nextWeek)).isEqualTo(hkd("100.00"));
  }

  @Test
  void wallet_refundsAlreadyRecordedAndInFlight_reduceWhatIsLeft() {
    Payment p =
        PaymentFixture.builder()
            .channel(Channel.ALIPAY)
            .amount(hkd("10.50"))
            .refunded(hkd("4.00"))
            .status(TransactionStatus.SUCCEEDED)
            .build();
    Money inFlight = hkd("6.00");

    assertThat(RefundPolicy.decide(p, null, inFlight, PAID)).isEqualTo(hkd("0.50"));
    assertThat(RefundPolicy.decide(p, hkd("0.50"), inFlight, PAID)).isEqualTo(hkd("0.50"));
    assertThat(codeOf(() -> RefundPolicy.decide(p, hkd("0.51"), inFlight, PAID)))
        .isEqualTo("REFUND_EXCEEDS_REFUNDABLE");
  }

  @Test
  void exceedingTheRefundableAmount_isRefused() {
    Payment p = paid(Channel.WX, "10.50");

    assertThat(codeOf(() -> RefundPolicy.decide(p, hkd("10.51"), NONE, PAID)))
        .isEqualTo("REFUND_EXCEEDS_REFUNDABLE");
  }

  @Test
  void fullyRefunded_hasNothingToRefund() {
    Payment p =
        PaymentFixture.builder()
            .amount(hkd("10.50"))
            .refunded(hkd("10.50"))
            .status(TransactionStatus.SUCCEEDED)
            .build();

    assertThat(codeOf(() -> RefundPolicy.decide(p, null, NONE, PAID)))
        .isEqualTo("NOTHING_TO_REFUND");
  }

  @Test
  void octopus_isRefused() {
    Payment p = paid(Channel.OCTOPUS, "10.00");

    assertThat(codeOf(() -> RefundPolicy.decide(p, null, NONE, PAID)))
        .isEqualTo("REFUND_NOT_SUPPORTED");
  }

  @ParameterizedTest
  @EnumSource(
      value = TransactionStatus.class,
      names = {"SUCCEEDED"},
      mode = EnumSource.Mode.EXCLUDE)
  void onlySucceededPayments_areRefundable(TransactionStatus status) {
    Payment p = PaymentFixture.builder().status(status).build();

    assertThat(codeOf(() -> RefundPolicy.decide(p, null, NONE, PAID)))
        .isEqualTo("PAYMENT_NOT_REFUNDABLE");
  }

  @Test
  void zeroOrNegativeOrForeignAmounts_areRefused() {
    Payment p = paid(Channel.WX, "10.00");

    assertThat(codeOf(() -> RefundPolicy.decide(p, hkd("0.00"), NONE, PAID)))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(codeOf(() -> RefundPolicy.decide(p, hkd("-1.00"), NONE, PAID)))
        .isEqualTo("INVALID_AMOUNT");
    assertThat(codeOf(() -> RefundPolicy.decide(p, Money.of("1.00", "USD"), NONE, PAID)))
        .isEqualTo("CURRENCY_MISMATCH");
  }

  @Test
  void refusals_explainThemselvesForTheCashier() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    assertThatThrownBy(() -> RefundPolicy.decide(p, null, NONE, PAID.plus(Duration.ofDays(1))))
        .hasMessageContaining("23:00 Hong Kong time")
        .hasMessageContaining("merchant portal");
  }

  @Test
  void cardCutoff_isTheMerchantsSetting_orNoneButTheCalendarDay() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");
    // PAID is 10:00 HKT; 23:15 HKT the same day
    Instant late = Instant.parse("2026-03-02T15:15:00Z");

    assertThat(codeOf(() -> RefundPolicy.decide(p, null, NONE, late)))
        .isEqualTo("CARD_REFUND_NOT_SAME_DAY");
    assertThat(RefundPolicy.decide(p, null, NONE, late, LocalTime.of(23, 30)))
        .isEqualTo(hkd("100.00"));
    assertThat(RefundPolicy.decide(p, null, NONE, late, null)).isEqualTo(hkd("100.00"));
    assertThat(
            codeOf(() -> RefundPolicy.decide(p, null, NONE, PAID.plus(Duration.ofDays(1)), null)))
        .isEqualTo("CARD_REFUND_NOT_SAME_DAY");
    assertThatThrownBy(
            () ->
                RefundPolicy.decide(
                    p, null, NONE, late.plus(Duration.ofMinutes(30)), LocalTime.of(23, 30)))
        .hasMessageContaining("before 23:30 Hong Kong time");
  }
}
