package io.ecrhub.app.notify;

import static io.restassured.RestAssured.given;

import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.intake.NotificationSignature;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/** Notification bodies, signatures and payments for the notification tests. */
final class NotifyFixtures {
  /** The key of the test profile ({@code %test.ecrhub.notify.keys}), protocol doc §7.2. */
  static final NotificationKey KEY = NotificationKey.of("my_qfpay_notification_key");

  private static final SecureRandom RANDOM = new SecureRandom();

  private NotifyFixtures() {}

  static String unique(String prefix) {
    return prefix + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }

  /** A numeric syssn nobody else uses. */
  static String syssn() {
    return "2025" + String.format("%022d", RANDOM.nextLong() & Long.MAX_VALUE);
  }

  static byte[] paymentBody(String outTradeNo, String syssn, String cents) {
    return ("{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\",\"syssn\":\""
            + syssn
            + "\",\"out_trade_no\":\""
            + outTradeNo
            + "\",\"txamt\":\""
            + cents
            + "\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\",\"customer_source\":\"HK\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] refundBody(String origOutTradeNo, String origSyssn, String syssn, String cents) {
    return ("{\"status\":\"1\",\"notify_type\":\"cancel\",\"syssn\":\""
            + syssn
            + "\",\"orig_syssn\":\""
            + origSyssn
            + "\",\"orig_out_trade_no\":\""
            + origOutTradeNo
            + "\",\"out_trade_no\":\"9f86d081884c7d659a2feaa0c55ad015\",\"txamt\":\""
            + cents
            + "\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String sign(byte[] body) {
    return NotificationSignature.sign(body, KEY);
  }

  static Response post(byte[] body, String signature) {
    var spec = given().contentType("application/json").body(body);
    if (signature != null) {
      spec = spec.header("X-QF-SIGN", signature);
    }
    return spec.post("/qfpay/notify");
  }

  static Response postSigned(byte[] body) {
    return post(body, sign(body));
  }

  /** Stores a payment in the given state as the terminal path would, and publishes its events. */
  static Payment payment(
      Payments payments,
      UnitOfWork uow,
      EventPublisher events,
      String outTradeNo,
      String amount,
      TransactionStatus status) {
    Instant now = Instant.now();
    String id = unique("pay_");
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId(id),
                TerminalId.of("t-notify"),
                Money.of(amount, "HKD"),
                Channel.CARD_PAYMENT,
                OutTradeNo.of(outTradeNo),
                null,
                null,
                "fp"),
            now);
    if (status != TransactionStatus.PENDING) {
      p.markInProgress(now);
    }
    if (status == TransactionStatus.UNKNOWN) {
      p.markUnknown("no answer from the terminal", now);
    }
    if (status == TransactionStatus.SUCCEEDED) {
      p.succeed(Syssn.of(syssn()), "terminal", null, false, now);
    }
    uow.run(() -> payments.save(p));
    p.drainEvents().forEach(events::publish);
    return payments.findById(p.id()).orElseThrow();
  }
}
