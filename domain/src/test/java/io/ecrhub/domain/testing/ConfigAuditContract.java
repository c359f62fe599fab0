package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.AuditAction;
import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.ConfigAuditEntry;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link ConfigAudit}: an append-only log whose entries round-trip with every field and
 * come back newest first (by their time, then the later recorded first), at most {@code limit}.
 * Subclass it once per adapter; {@link #create()} returns an empty log.
 */
public abstract class ConfigAuditContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private ConfigAudit audit;

  /** An empty log. */
  protected abstract ConfigAudit create();

  @BeforeEach
  void setUpStore() {
    audit = create();
  }

  private static ConfigAuditEntry entry(String id, Instant at, AuditAction action) {
    return new ConfigAuditEntry(
        id,
        at,
        "sync-1",
        "mms-csv:/imports/pos-keys.csv",
        "scheduler",
        action,
        "DEV-1",
        TerminalId.of("till-1"),
        EnumSet.of(ChangeKind.IP_CHANGED, ChangeKind.NAME_CHANGED),
        "ip: 192.168.1.5 -> 192.168.1.6");
  }

  private void record(ConfigAuditEntry e) {
    txRun(() -> audit.record(e));
  }

  @Test
  void record_thenRecent_returnsEveryField() {
    ConfigAuditEntry e = entry("a-1", T0, AuditAction.APPLIED);
    record(e);

    assertThat(tx(() -> audit.recent(10))).containsExactly(e);
  }

  @Test
  void entryWithoutOptionalFields_readsBackWithout() {
    ConfigAuditEntry drift =
        new ConfigAuditEntry(
            "a-1", T0, null, null, null, AuditAction.DRIFT, null, null, Set.of(), null);
    record(drift);

    assertThat(tx(() -> audit.recent(10))).containsExactly(drift);
  }

  @Test
  void recent_isNewestFirstByTime_evenWhenRecordedOutOfOrder() {
    record(entry("a-middle", T0.plusSeconds(20), AuditAction.APPLIED));
    record(entry("a-late", T0.plusSeconds(30), AuditAction.HELD));
    record(entry("a-early", T0.plusSeconds(10), AuditAction.NO_CHANGES));

    assertThat(tx(() -> audit.recent(10)))
        .extracting(ConfigAuditEntry::id)
        .containsExactly("a-late", "a-middle", "a-early");
  }

  @Test
  void recent_sameTime_laterRecordedFirst_upToTheLimit() {
    record(entry("a-1", T0, AuditAction.HELD));
    record(entry("a-3", T0, AuditAction.APPLIED));
    record(entry("a-2", T0, AuditAction.FAILED));

    assertThat(tx(() -> audit.recent(10)))
        .extracting(ConfigAuditEntry::id)
        .containsExactly("a-2", "a-3", "a-1");
    assertThat(tx(() -> audit.recent(2)))
        .extracting(ConfigAuditEntry::id)
        .containsExactly("a-2", "a-3");
  }

  @Test
  void emptyLog_hasNothingRecent() {
    assertThat(tx(() -> audit.recent(10))).isEmpty();
  }

  @Test
  void longestValues_andEveryActionAndChangeKind_fit() {
    ConfigAuditEntry big =
        new ConfigAuditEntry(
            "i".repeat(40),
            T0,
            "s".repeat(40),
            "o".repeat(300),
            "a".repeat(200),
            AuditAction.ROW_REJECTED,
            "d".repeat(64),
            TerminalId.of("t".repeat(40)),
            EnumSet.allOf(ChangeKind.class),
            "x".repeat(4000));
    record(big);
    int n = 0;
    for (AuditAction action : AuditAction.values()) {
      record(entry("e-" + n, T0.minusSeconds(100 - n), action));
      n++;
    }

    assertThat(tx(() -> audit.recent(1))).containsExactly(big);
    assertThat(tx(() -> audit.recent(100)))
        .extracting(ConfigAuditEntry::action)
        .containsAll(EnumSet.allOf(AuditAction.class));
  }
}
