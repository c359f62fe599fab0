package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.payment;
import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real database outage during intake: the hub reaches its database through a TCP proxy that the
 * test cuts (open connections closed, new ones refused) and restores. QFPay gets 503 while the
 * database is gone, and its retry afterwards is stored once and applied.
 */
@QuarkusTest
@TestProfile(DatabaseBehindProxyProfile.class)
class NotifyDatabaseOutageTest {
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EventPublisher events;
  @Inject SqlNotificationInbox inbox;
  @Inject DataSource dataSource;

  @AfterEach
  void databaseBack() {
    DatabaseBehindProxyProfile.restore();
  }

  @Test
  void databaseCutOffDuringIntake_is503_thenQfpaysRetryIsStoredOnceAndApplied() {
    String ref = unique("ord-");
    Payment p = payment(payments, uow, events, ref, "10.50", TransactionStatus.UNKNOWN);
    String syssn = syssn();
    byte[] body = paymentBody(ref, syssn, "1050");

    // the hub has been running (keys loaded, pool warm) when the database goes away
    postSigned(paymentBody(unique("ord-"), syssn(), "100")).then().statusCode(200);

    DatabaseBehindProxyProfile.cut();
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        postSigned(body)
            .then()
            .statusCode(503)
            .header("Retry-After", equalTo("60"))
            .contentType("application/problem+json")
            .body("code", equalTo("STORAGE_UNAVAILABLE"))
            .body(not(containsString("Exception")))
            .body(not(containsString("\tat ")));
      }
    } finally {
      DatabaseBehindProxyProfile.restore();
    }

    // QFPay retries the same notification once the hub answers again
    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));
    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));

    assertThat(countWithDedupeKey("PAYMENT:" + syssn)).isEqualTo(1);
    InboxEntry stored = stored(syssn);
    assertThat(stored.rawBody()).isEqualTo(body);
    assertThat(stored.status()).isEqualTo(InboxStatus.APPLIED);
    Payment after =
        QuarkusTransaction.requiringNew().call(() -> payments.findById(p.id())).orElseThrow();
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.syssn()).contains(Syssn.of(syssn));
  }

  InboxEntry stored(String syssn) {
    return QuarkusTransaction.requiringNew()
        .call(() -> inbox.findByDedupeKey("PAYMENT:" + syssn))
        .orElseThrow();
  }

  int countWithDedupeKey(String key) {
    try (var c = dataSource.getConnection();
        var s =
            c.prepareStatement("SELECT COUNT(*) FROM notification_inbox WHERE dedupe_key = ?")) {
      s.setString(1, key);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
