package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.NotificationType;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.Money;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotificationParserTest {
  final NotificationParser parser = new NotificationParser("HKD");

  @Test
  void documentedPaymentBody_isParsedWithCentsAsMoney() {
    QfpayNotification n =
        parse(
            "{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\",\"syssn\":\"20250826155400087645770447\",\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"txcurrcd\":\"HKD\",\"txdtm\":\"2025-08-26 15:54:00\",\"respcd\":\"0000\",\"cancel\":\"0\",\"customer_source\":\"HK\",\"outcardnm\":\"\"}");

    assertThat(n.type()).isEqualTo(NotificationType.PAYMENT);
    assertThat(n.amount()).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(n.outTradeNo()).isEqualTo("x--1--2");
    assertThat(n.payType()).isEqualTo("802808");
    assertThat(n.reportsSuccess()).isTrue();
    assertThat(n.fields()).containsEntry("customer_source", "HK").containsEntry("cancel", "0");
    assertThat(n.dedupeKey()).isEqualTo("PAYMENT:20250826155400087645770447");
  }

  @Test
  void numericAmountsAndUnknownFields_areTolerated() {
    QfpayNotification n =
        parse(
            "{\"notify_type\":\"payment\",\"syssn\":\"S1\",\"txamt\":1050,\"brand_new\":{\"a\":1},\"flag\":true,\"gone\":null}");

    assertThat(n.amount()).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(n.fields())
        .containsEntry("brand_new", "{\"a\":1}")
        .containsEntry("flag", "true")
        .doesNotContainKey("gone");
    assertThat(n.currencyStated()).isFalse();
  }

  @Test
  void cancelIsARefund_andKeepsTheOriginalReferences() {
    QfpayNotification n =
        parse(
            "{\"status\":\"1\",\"sysdtm\":\"2025-08-26 16:00:00\",\"txcurrcd\":\"HKD\",\"orig_out_trade_no\":\"x--1--2\",\"mchid\":\"M1\",\"txamt\":\"400\",\"orig_syssn\":\"20250826155400087645770447\",\"out_trade_no\":\"9f86d081884c7d659a2feaa0c55ad015\",\"syssn\":\"20250826160000011111111111\",\"respcd\":\"0000\",\"notify_type\":\"cancel\"}");

    assertThat(n.type()).isEqualTo(NotificationType.REFUND);
    assertThat(n.originalOutTradeNo()).isEqualTo("x--1--2");
    assertThat(n.originalSyssn()).isEqualTo("20250826155400087645770447");
    assertThat(n.tradeRef()).isEqualTo("x--1--2");
    assertThat(n.syssnRef()).isEqualTo("20250826155400087645770447");
    assertThat(n.dedupeKey()).isEqualTo("REFUND:20250826160000011111111111");
  }

  @Test
  void refundAndUnfreezeTypes_areNormalised_unfreezeNeedsNoAmount() {
    assertThat(parse("{\"notify_type\":\"refund\",\"syssn\":\"R\",\"txamt\":\"1\"}").type())
        .isEqualTo(NotificationType.REFUND);
    QfpayNotification u = parse("{\"notify_type\":\" UNFREEZE \",\"syssn\":\"U\"}");
    assertThat(u.type()).isEqualTo(NotificationType.PREAUTH_RELEASE);
    assertThat(u.amount()).isNull();
  }

  @Test
  void otherCurrencies_useTheirOwnMinorUnits() {
    assertThat(
            parse(
                    "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"500\",\"txcurrcd\":\"JPY\"}")
                .amount())
        .isEqualTo(Money.of("500", "JPY"));
  }

  @Test
  void malformedBodies_areRefusedWithAReason() {
    assertMalformed("not json", "not valid JSON");
    assertMalformed("[1,2]", "JSON object");
    assertMalformed(
        "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"1\"} trailing", "not valid JSON");
    assertMalformed(
        "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"syssn\":\"T\",\"txamt\":\"1\"}",
        "not valid JSON");
    assertMalformed("{\"syssn\":\"S\",\"txamt\":\"1\"}", "notify_type is missing");
    assertMalformed(
        "{\"notify_type\":\"bonus\",\"syssn\":\"S\",\"txamt\":\"1\"}", "notify_type 'bonus'");
    assertMalformed("{\"notify_type\":\"payment\",\"txamt\":\"1\"}", "syssn");
    assertMalformed("{\"notify_type\":\"payment\",\"syssn\":\"S S\",\"txamt\":\"1\"}", "syssn");
    assertMalformed("{\"notify_type\":\"payment\",\"syssn\":\"S\"}", "txamt");
    assertMalformed("{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"10.50\"}", "whole");
    assertMalformed("{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"-5\"}", "whole");
    assertMalformed("{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"abc\"}", "whole");
    assertMalformed(
        "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":\"1\",\"txcurrcd\":\"XYZ\"}",
        "txcurrcd");
  }

  QfpayNotification parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Numbers whose size is absurd are refused before any BigDecimal work grows with them: as a JSON
   * number {@code 1e999999999} would otherwise be written out by {@code toPlainString} (a
   * billion-character string); a 10,000-digit text is refused by its length.
   */
  @Test
  void absurdAmounts_areMalformed_beforeAnyBigDecimalWork() {
    String p = "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":";
    assertMalformed(p + "1e999999999}", "at most 18 digits");
    assertMalformed(p + "1E-999999999}", "at most 18 digits");
    assertMalformed(p + "\"1e999999999\"}", "at most 18 digits");
    assertMalformed(p + "\"" + "9".repeat(10_000) + "\"}", "at most 18 digits");
    assertMalformed(p + "\"1" + "0".repeat(10_000) + "\"}", "at most 18 digits");
    assertMalformed(p + "\"1000000000000000000000\"}", "at most 18 digits");
    // Jackson itself bounds a number literal to 1,000 characters
    assertMalformed(p + "9".repeat(10_000) + "}", "not valid JSON");
  }

  @Test
  void absurdNumbersInOtherFields_areKeptShort() {
    QfpayNotification n =
        parse(
            "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":1050,"
                + "\"huge\":1e999999999,\"tiny\":1E-999999999,\"plain\":10.50}");
    assertThat(n.amount().minorUnits()).isEqualTo(1050);
    assertThat(n.fields())
        .containsEntry("huge", "1E+999999999")
        .containsEntry("tiny", "1E-999999999")
        .containsEntry("plain", "10.5");
  }

  @Test
  void amountsAsQfpayAndJsonNumbersWriteThem_areStillTaken() {
    String p = "{\"notify_type\":\"payment\",\"syssn\":\"S\",\"txamt\":";
    assertThat(parse(p + "\"1050\"}").amount().minorUnits()).isEqualTo(1050);
    assertThat(parse(p + "1050}").amount().minorUnits()).isEqualTo(1050);
    assertThat(parse(p + "1050.00}").amount().minorUnits()).isEqualTo(1050);
    assertThat(parse(p + "1.05E3}").amount().minorUnits()).isEqualTo(1050);
    assertThat(parse(p + "\" 999999999999999999 \"}").amount().minorUnits())
        .isEqualTo(999_999_999_999_999_999L);
  }

  void assertMalformed(String json, String reason) {
    assertThatThrownBy(() -> parse(json))
        .as(json)
        .isInstanceOfSatisfying(
            MalformedNotificationException.class,
            e -> {
              assertThat(e.code()).isEqualTo("MALFORMED_NOTIFICATION");
              assertThat(e.getMessage()).contains(reason);
            });
  }
}
