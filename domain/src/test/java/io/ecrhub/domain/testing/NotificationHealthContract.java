package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.diagnostics.NotificationFacts;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link NotificationHealth}: whether a notification key is configured (in the
 * configuration or stored), the URL QFPay is given, when the newest verified notification about one
 * of the terminal's payments arrived (by out_trade_no or syssn, whatever became of it; never a
 * rejected one, never another terminal's), and when the newest successful payment was taken.
 * Subclass it once per adapter: {@link #payments()} and {@link #inbox()} return empty stores,
 * {@link #health} the adapter reading them, {@link #storeKey()} stores a key as the admin API does.
 */
public abstract class NotificationHealthContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;
  private static final TerminalId TILL_1 = TerminalFixture.DEFAULT_ID;
  private static final TerminalId TILL_2 = TerminalId.of("till-2");
  private static final String BASE = "https://hub.test.example";

  private Payments payments;
  private NotificationInbox inbox;

  /** An empty payment store. */
  protected abstract Payments payments();

  /** An empty notification inbox (and no stored notification keys). */
  protected abstract NotificationInbox inbox();

  /**
   * The adapter over {@link #payments()} and {@link #inbox()}.
   *
   * @param keyInConfiguration whether the configuration gives a notification key
   * @param publicUrl the hub's public base URL, or null when not configured
   */
  protected abstract NotificationHealth health(boolean keyInConfiguration, String publicUrl);

  /** Stores a notification key as the admin API does. */
  protected abstract void storeKey();

  @BeforeEach
  void setUpStores() {
    payments = payments();
    inbox = inbox();
  }

  private NotificationFacts facts(TerminalId terminal) {
    NotificationHealth h = health(true, BASE);
    return tx(() -> h.forTerminal(terminal)).orElseThrow();
  }

  private void payment(
      String id, TerminalId t, TransactionStatus status, String syssn, Instant at) {
    PaymentFixture b =
        PaymentFixture.builder()
            .id(id)
            .terminalId(t)
            .outTradeNo("EH" + id)
            .status(status)
            .createdAt(at);
    if (syssn != null) {
      b.syssn(syssn);
    }
    Payment p = b.build();
    txRun(() -> payments.save(p));
  }

  private void notification(
      String id, InboxStatus status, String tradeRef, String syssnRef, Instant at) {
    InboxEntry e =
        new InboxEntry(
            id,
            "{\"status\": \"1\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-QF-SIGN", "606E0E764347884FC6C573864AE9077F"),
            "127.0.0.1",
            at,
            status == InboxStatus.REJECTED ? InboxStatus.REJECTED : InboxStatus.VERIFIED,
            status == InboxStatus.REJECTED ? null : "payment:" + id,
            status == InboxStatus.REJECTED ? "bad signature" : null,
            null,
            tradeRef,
            syssnRef);
    if (status == InboxStatus.REJECTED) {
      txRun(() -> inbox.storeRejected(e));
    } else {
      tx(() -> inbox.storeVerified(e)).orElseThrow();
      if (status != InboxStatus.VERIFIED) {
        txRun(() -> inbox.updateStatus(id, status, null));
      }
    }
  }

  @Test
  void nothingKnown_factsWithoutTimes() {
    NotificationFacts f = facts(TILL_1);

    assertThat(f.lastVerifiedAt()).isNull();
    assertThat(f.lastPaymentAt()).isNull();
    assertThat(f.keyConfigured()).isTrue();
    assertThat(f.notificationUrl()).isEqualTo(BASE + NotificationFacts.NOTIFY_PATH);
  }

  @Test
  void noKeyInConfigurationNorStored_isNotConfigured_andAStoredKeyCounts() {
    NotificationHealth without = health(false, null);
    NotificationFacts f = tx(() -> without.forTerminal(TILL_1)).orElseThrow();
    assertThat(f.keyConfigured()).isFalse();
    assertThat(f.notificationUrl()).isNull();

    storeKey();
    NotificationHealth stored = health(false, null);
    assertThat(tx(() -> stored.forTerminal(TILL_1)).orElseThrow().keyConfigured()).isTrue();
  }

  @Test
  void lastPayment_isTheNewestSucceededPaymentOfThisTerminal() {
    payment("p1", TILL_1, TransactionStatus.SUCCEEDED, "s-1", T0);
    payment("p2", TILL_1, TransactionStatus.SUCCEEDED, "s-2", T0.plusSeconds(60));
    payment("p3", TILL_1, TransactionStatus.PENDING, null, T0.plusSeconds(120));
    payment("p4", TILL_2, TransactionStatus.SUCCEEDED, "s-4", T0.plusSeconds(180));

    assertThat(facts(TILL_1).lastPaymentAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(facts(TILL_2).lastPaymentAt()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void lastVerified_byOutTradeNoOrBySyssn_whateverBecameOfIt_newestWins() {
    payment("p1", TILL_1, TransactionStatus.SUCCEEDED, "s-1", T0);
    payment("p2", TILL_1, TransactionStatus.SUCCEEDED, "s-2", T0);
    notification("n1", InboxStatus.APPLIED, "EHp1", null, T0.plusSeconds(10));
    assertThat(facts(TILL_1).lastVerifiedAt()).isEqualTo(T0.plusSeconds(10));

    notification("n2", InboxStatus.PARKED, null, "s-2", T0.plusSeconds(20));
    assertThat(facts(TILL_1).lastVerifiedAt()).isEqualTo(T0.plusSeconds(20));

    notification("n3", InboxStatus.DUPLICATE, "EHp2", "s-2", T0.plusSeconds(30));
    assertThat(facts(TILL_1).lastVerifiedAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void rejectedNotifications_andOtherTerminalsNotifications_doNotCount() {
    payment("p1", TILL_1, TransactionStatus.SUCCEEDED, "s-1", T0);
    payment("p2", TILL_2, TransactionStatus.SUCCEEDED, "s-2", T0);
    notification("n1", InboxStatus.APPLIED, "EHp1", "s-1", T0.plusSeconds(10));
    notification("n2", InboxStatus.REJECTED, "EHp1", "s-1", T0.plusSeconds(20));
    notification("n3", InboxStatus.APPLIED, "EHp2", "s-2", T0.plusSeconds(30));
    notification("n4", InboxStatus.PARKED, "EHunknown", "s-unknown", T0.plusSeconds(40));

    assertThat(facts(TILL_1).lastVerifiedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(facts(TILL_2).lastVerifiedAt()).isEqualTo(T0.plusSeconds(30));
  }
}
