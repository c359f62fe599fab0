package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.DeviceChange;
import io.ecrhub.domain.merchant.DeviceConfig;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.merchant.RowError;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link HeldSyncs}: a held sync round-trips with its changes (new POS keys included)
 * and row errors, resolving it (approved or rejected) keeps its changes and takes it off the
 * pending list, and pending ones come oldest first. Subclass it once per adapter; {@link #create()}
 * returns an empty store.
 */
public abstract class HeldSyncsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  private HeldSyncs held;

  /** An empty store. */
  protected abstract HeldSyncs create();

  @BeforeEach
  void setUpStore() {
    held = create();
  }

  private static PosKey key(char seed) {
    return PosKey.of(String.valueOf(seed).repeat(16) + "0123456789abcdef");
  }

  private static HeldSync sync(String id, Instant at) {
    List<DeviceChange> changes =
        List.of(
            new DeviceChange(
                "DEV-NEW-1",
                null,
                EnumSet.of(ChangeKind.NEW),
                new DeviceConfig("DEV-NEW-1", "Till 9", key('a'), true, true, "192.168.1.9"),
                List.of("new device")),
            new DeviceChange(
                "DEV-2",
                TerminalId.of("till-2"),
                EnumSet.of(ChangeKind.KEY_CHANGED, ChangeKind.HTTPS_TOGGLED),
                new DeviceConfig("DEV-2", null, key('b'), false, false, null),
                List.of("https: on -> off", "pos key changed")),
            new DeviceChange(
                "DEV-3", TerminalId.of("till-3"), Set.of(ChangeKind.REMOVED), null, List.of()));
    List<RowError> errors =
        List.of(new RowError(4, "ip", "not an address", "DEV-9"), new RowError(0, null, "empty"));
    return HeldSync.pending(id, "mms-csv:/imports/pos-keys.csv", at, changes, errors);
  }

  private HeldSync find(String id) {
    return tx(() -> held.find(id)).orElseThrow();
  }

  @Test
  void save_thenFind_returnsEveryFieldWithTheKeys() {
    HeldSync s = sync("held-1", T0);
    txRun(() -> held.save(s));

    HeldSync found = find("held-1");

    assertThat(found).isEqualTo(s);
    assertThat(found.changes().get(0).incoming().posKey().reveal()).isEqualTo(key('a').reveal());
    assertThat(found.status()).isEqualTo(HeldSync.Status.PENDING);
    assertThat(found.resolvedBy()).isNull();
    assertThat(found.resolvedAt()).isNull();
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(tx(() -> held.find("held-none"))).isEmpty();
  }

  @Test
  void pending_isOldestFirst_whateverTheIds() {
    txRun(() -> held.save(sync("a-late", T0.plusSeconds(30))));
    txRun(() -> held.save(sync("b-early", T0.plusSeconds(10))));
    txRun(() -> held.save(sync("c-middle", T0.plusSeconds(20))));

    assertThat(tx(() -> held.pending()))
        .extracting(HeldSync::id)
        .containsExactly("b-early", "c-middle", "a-late");
  }

  @Test
  void approvedAndRejected_leaveThePendingList_andKeepTheirChanges() {
    HeldSync one = sync("held-1", T0);
    HeldSync two = sync("held-2", T0.plusSeconds(1));
    HeldSync three = sync("held-3", T0.plusSeconds(2));
    txRun(() -> held.save(one));
    txRun(() -> held.save(two));
    txRun(() -> held.save(three));

    txRun(() -> held.save(one.resolve(HeldSync.Status.APPROVED, "ops@till", T0.plusSeconds(60))));
    txRun(() -> held.save(two.resolve(HeldSync.Status.REJECTED, "admin", T0.plusSeconds(61))));

    assertThat(tx(() -> held.pending())).extracting(HeldSync::id).containsExactly("held-3");
    HeldSync approved = find("held-1");
    assertThat(approved.status()).isEqualTo(HeldSync.Status.APPROVED);
    assertThat(approved.resolvedBy()).isEqualTo("ops@till");
    assertThat(approved.resolvedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(approved.changes()).isEqualTo(one.changes());
    assertThat(approved.rowErrors()).isEqualTo(one.rowErrors());
    HeldSync rejected = find("held-2");
    assertThat(rejected.status()).isEqualTo(HeldSync.Status.REJECTED);
    assertThat(rejected.resolvedBy()).isEqualTo("admin");
    assertThat(rejected)
        .isEqualTo(two.resolve(HeldSync.Status.REJECTED, "admin", T0.plusSeconds(61)));
  }

  @Test
  void nothingHeld_nothingPending() {
    assertThat(tx(() -> held.pending())).isEmpty();
  }

  @Test
  void longestValues_fit() {
    HeldSync s =
        HeldSync.pending(
            "h".repeat(40),
            "s".repeat(300),
            T0,
            List.of(
                new DeviceChange(
                    "D".repeat(64),
                    TerminalId.of("t".repeat(40)),
                    EnumSet.allOf(ChangeKind.class),
                    new DeviceConfig(
                        "D".repeat(64), "n".repeat(200), key('c'), true, false, "x".repeat(255)),
                    List.of("n".repeat(1000)))),
            List.of(new RowError(Integer.MAX_VALUE, "f".repeat(100), "r".repeat(1000), "d")));
    txRun(() -> held.save(s));
    HeldSync resolved = s.resolve(HeldSync.Status.APPROVED, "a".repeat(200), T0.plusSeconds(1));
    txRun(() -> held.save(resolved));

    assertThat(find("h".repeat(40))).isEqualTo(resolved);
  }
}
