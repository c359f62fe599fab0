package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.transaction.NotificationTrail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link NotificationTrail}: a verified notification naming an out_trade_no (as a
 * payment's own, or as a refund's orig_out_trade_no) counts, whatever became of it; a rejected
 * (unsigned) one never does. Subclass it once per adapter; {@link #create()} returns an empty inbox
 * that is also the trail.
 */
public abstract class NotificationTrailContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private NotificationInbox inbox;
  private NotificationTrail trail;

  /** An empty inbox that answers as the trail too. */
  protected abstract NotificationInbox create();

  /** The trail over the inbox {@link #create()} returned. */
  protected abstract NotificationTrail trail();

  @BeforeEach
  void setUpStore() {
    inbox = create();
    trail = trail();
  }

  private static InboxEntry verified(String id, String dedupe, String tradeRef, String syssnRef) {
    return new InboxEntry(
        id,
        "{\"status\": \"1\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("X-QF-SIGN", "606E0E764347884FC6C573864AE9077F"),
        "127.0.0.1",
        T0,
        InboxStatus.VERIFIED,
        dedupe,
        null,
        "key-1",
        tradeRef,
        syssnRef);
  }

  private boolean anyFor(String outTradeNo) {
    return tx(() -> trail.anyFor(OutTradeNo.of(outTradeNo)));
  }

  @Test
  void emptyInbox_holdsNothing() {
    assertThat(anyFor("EHtrail-1")).isFalse();
  }

  @Test
  void verifiedPaymentNotification_countsWhateverBecameOfIt() {
    InboxEntry e = verified("n-1", "payment:S1", "EHtrail-1", "S1");
    txRun(() -> inbox.storeVerified(e));
    assertThat(anyFor("EHtrail-1")).isTrue();
    assertThat(anyFor("EHtrail-2")).isFalse();

    txRun(() -> inbox.updateStatus("n-1", InboxStatus.PARKED, "no payment yet"));
    assertThat(anyFor("EHtrail-1")).isTrue();
  }

  @Test
  void refundNamingThePaymentAsItsOriginal_counts() {
    InboxEntry e = verified("n-2", "refund:R1", "EHtrail-3", "S3");
    txRun(() -> inbox.storeVerified(e));
    assertThat(anyFor("EHtrail-3")).isTrue();
  }

  @Test
  void rejectedUnsignedNotification_neverCounts() {
    InboxEntry bad =
        new InboxEntry(
            "n-3",
            "{\"out_trade_no\": \"EHtrail-4\"}".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            "127.0.0.1",
            T0,
            InboxStatus.REJECTED,
            null,
            "bad signature",
            null,
            "EHtrail-4",
            null);
    txRun(() -> inbox.storeRejected(bad));
    assertThat(anyFor("EHtrail-4")).isFalse();
  }
}
