package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.payment;
import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.refundBody;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.intake.NotificationIntake;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Notifications settling payments and refunds, end to end through the endpoint and database. */
@QuarkusTest
class NotificationApplyingTest {
  @Inject Payments payments;
  @Inject Refunds refunds;
  @Inject UnitOfWork uow;
  @Inject EventPublisher events;
  @Inject SqlNotificationInbox inbox;
  @Inject NotificationIntake intake;

  @Test
  void notificationAfterTheTerminalLostThePayment_settlesUnknownToSucceeded() {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "10.50", TransactionStatus.UNKNOWN);
    String syssn = syssn();

    postSigned(paymentBody(ref, syssn, "1050")).then().statusCode(200);

    Payment after = reload(p);
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.syssn()).contains(Syssn.of(syssn));
    assertThat(status("PAYMENT:" + syssn)).isEqualTo(InboxStatus.APPLIED);
  }

  @Test
  void amountMismatch_flagsThePaymentForReviewWithBothValues() {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "10.50", TransactionStatus.UNKNOWN);
    String syssn = syssn();

    postSigned(paymentBody(ref, syssn, "1000")).then().statusCode(200);

    Payment after = reload(p);
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("HKD 10.00", "HKD 10.50"));
    assertThat(status("PAYMENT:" + syssn)).isEqualTo(InboxStatus.REVIEW);
  }

  @Test
  void notificationBeforeThePaymentExists_isParkedVisibleToAdmins_thenAppliedWhenItAppears() {
    String ref = unique("ord-");
    String syssn = syssn();
    postSigned(paymentBody(ref, syssn, "700")).then().statusCode(200);
    assertThat(status("PAYMENT:" + syssn)).isEqualTo(InboxStatus.PARKED);
    Api.admin()
        .queryParam("status", "parked")
        .queryParam("syssn", syssn)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("items[0].status", equalTo("parked"))
        .body("items[0].tradeRef", equalTo(ref));

    Payment p = payment(payments, uow, events, ref, "7.00", TransactionStatus.IN_PROGRESS);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> reload(p).status() == TransactionStatus.SUCCEEDED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status("PAYMENT:" + syssn) == InboxStatus.APPLIED);
  }

  @Test
  void twoIdenticalNotificationsAtTheSameMoment_settleThePaymentOnce() throws Exception {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "3.00", TransactionStatus.UNKNOWN);
    byte[] body = paymentBody(ref, syssn(), "300");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return postSigned(body).then().extract().statusCode();
                }));
      }
      start.countDown();
      for (Future<Integer> f : calls) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    Payment after = reload(p);
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.version()).as("one settle, no second effect").isEqualTo(p.version() + 1);
  }

  @Test
  void refundDoneOnTheTerminalOrPortal_isRecordedAsExternalRefundOnItsPayment() {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "20.00", TransactionStatus.SUCCEEDED);
    String refundSyssn = syssn();

    postSigned(refundBody(ref, p.syssn().orElseThrow().value(), refundSyssn, "500"))
        .then()
        .statusCode(200);

    Refund r =
        QuarkusTransaction.requiringNew()
            .call(() -> refunds.findBySyssn(Syssn.of(refundSyssn)))
            .orElseThrow();
    assertThat(r.isExternal()).isTrue();
    assertThat(r.paymentId()).isEqualTo(p.id());
    assertThat(r.amount()).isEqualTo(Money.of("5.00", "HKD"));
    assertThat(reload(p).refundedAmount()).isEqualTo(Money.of("5.00", "HKD"));
  }

  @Test
  void adminCanViewTheRawBody_andReapplyIdempotently() {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "1.00", TransactionStatus.UNKNOWN);
    String syssn = syssn();
    byte[] body = paymentBody(ref, syssn, "100");
    postSigned(body).then().statusCode(200);
    String id =
        QuarkusTransaction.requiringNew()
            .call(() -> inbox.findByDedupeKey("PAYMENT:" + syssn))
            .orElseThrow()
            .id();

    Api.admin()
        .get("/api/v1/notifications/" + id)
        .then()
        .statusCode(200)
        .body("rawBody", equalTo(new String(body, java.nio.charset.StandardCharsets.UTF_8)))
        .body("summary.status", equalTo("applied"));
    Api.admin()
        .post("/api/v1/notifications/" + id + "/reapply")
        .then()
        .statusCode(200)
        .body("status", equalTo("applied"));

    assertThat(reload(p).version()).isEqualTo(p.version() + 1);
    Api.as("wrong-key-000000000000").get("/api/v1/notifications").then().statusCode(401);
  }

  @Test
  void reapplyingAnEntryOfAnUnknownNotifyType_is422NotApplied_andItStaysIgnored() {
    String syssn = syssn();
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"settlement_adjustment\",\"syssn\":\""
                + syssn
                + "\",\"out_trade_no\":\"adj-1\",\"txamt\":\"10\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    postSigned(body).then().statusCode(200);
    String dedupeKey = "OTHER:settlement_adjustment:" + syssn;
    String id =
        QuarkusTransaction.requiringNew()
            .call(() -> inbox.findByDedupeKey(dedupeKey))
            .orElseThrow()
            .id();
    String note =
        QuarkusTransaction.requiringNew().call(() -> inbox.findById(id)).orElseThrow().note();

    Api.admin()
        .post("/api/v1/notifications/" + id + "/reapply")
        .then()
        .statusCode(422)
        .body("code", equalTo("NOTIFICATION_TYPE_NOT_APPLIED"))
        .body(
            "detail",
            equalTo(
                "notification "
                    + id
                    + " has notify_type 'settlement_adjustment', which the hub does not apply;"
                    + " it stays IGNORED"));

    assertThat(status(dedupeKey)).isEqualTo(InboxStatus.IGNORED);
    assertThat(
            QuarkusTransaction.requiringNew().call(() -> inbox.findById(id)).orElseThrow().note())
        .isEqualTo(note);
  }

  /**
   * A group stored in one transaction (what the group commit does under load), on the real applier,
   * Hibernate and SQL: each known payment settled once (one version step), a mismatch flagged, an
   * unknown one parked, a copy in the same group a duplicate.
   */
  @Test
  void aGroupOfNotifications_settlesEachKnownPaymentOnce_inOneTransaction() {
    Payment first =
        payment(payments, uow, events, unique("ord-"), "1.00", TransactionStatus.UNKNOWN);
    Payment second =
        payment(payments, uow, events, unique("ord-"), "2.00", TransactionStatus.IN_PROGRESS);
    Payment third =
        payment(payments, uow, events, unique("ord-"), "3.00", TransactionStatus.UNKNOWN);
    String s1 = syssn();
    String s2 = syssn();
    String s3 = syssn();
    String s4 = syssn();
    List<byte[]> bodies =
        List.of(
            paymentBody(first.outTradeNo().value(), s1, "100"),
            paymentBody(second.outTradeNo().value(), s2, "200"),
            paymentBody(third.outTradeNo().value(), s3, "999"),
            paymentBody(unique("ord-"), s4, "400"),
            paymentBody(first.outTradeNo().value(), s1, "100"));
    List<NotificationIntake.Verified> group = new ArrayList<>();
    for (byte[] body : bodies) {
      group.add(
          intake
              .check(body, java.util.Map.of("X-QF-SIGN", NotifyFixtures.sign(body)), "127.0.0.1")
              .verified());
    }

    List<NotificationIntake.Result> results = intake.storeTogether(group);

    assertThat(results)
        .extracting(NotificationIntake.Result::duplicate)
        .containsExactly(false, false, false, false, true);
    assertThat(reload(first).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(reload(first).syssn()).contains(Syssn.of(s1));
    assertThat(reload(first).version()).isEqualTo(first.version() + 1);
    assertThat(reload(second).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(reload(third).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(reload(third).reviewNote()).isPresent();
    assertThat(status("PAYMENT:" + s1)).isEqualTo(InboxStatus.APPLIED);
    assertThat(status("PAYMENT:" + s2)).isEqualTo(InboxStatus.APPLIED);
    assertThat(status("PAYMENT:" + s3)).isEqualTo(InboxStatus.REVIEW);
    assertThat(status("PAYMENT:" + s4)).isEqualTo(InboxStatus.PARKED);
  }

  Payment reload(Payment p) {
    return QuarkusTransaction.requiringNew().call(() -> payments.findById(p.id())).orElseThrow();
  }

  InboxStatus status(String dedupeKey) {
    return QuarkusTransaction.requiringNew()
        .call(() -> inbox.findByDedupeKey(dedupeKey))
        .orElseThrow()
        .status();
  }
}
