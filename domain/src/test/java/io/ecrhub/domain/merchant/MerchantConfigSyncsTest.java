package io.ecrhub.domain.merchant;

import static io.ecrhub.domain.merchant.MerchantFakes.key;
import static io.ecrhub.domain.merchant.MerchantFakes.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.MerchantConfigSyncs.Coverage;
import io.ecrhub.domain.merchant.MerchantConfigSyncs.Review;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryAudit;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryHeldSyncs;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryMmsSettings;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryTerminals;
import io.ecrhub.domain.merchant.MerchantFakes.RollbackUnitOfWork;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.testing.InMemoryAddressHistory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MerchantConfigSyncsTest {
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryHeldSyncs held = new InMemoryHeldSyncs();
  private final InMemoryAudit audit = new InMemoryAudit();
  private final RollbackUnitOfWork uow = new RollbackUnitOfWork(terminals);
  private final Clock clock = Clock.fixed(MerchantFakes.T0, ZoneOffset.UTC);
  private final InMemoryAddressHistory addresses = new InMemoryAddressHistory();

  private MerchantConfigSyncs syncs(SyncPolicy configured) {
    return new MerchantConfigSyncs(
        terminals,
        held,
        new InMemoryMmsSettings(),
        audit,
        uow,
        clock,
        MerchantFakes.sequentialIds(),
        new TerminalHealth(
            terminals, uow, clock, new DriftAudit(audit, MerchantFakes.sequentialIds())),
        addresses,
        configured);
  }

  @BeforeEach
  void registry() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    terminals.save(terminal("till-b", "SN-B", "10.0.0.11", key('b')));
  }

  private static MerchantConfigSyncs.Run run(
      Coverage coverage, Review review, DeviceConfig... rows) {
    MerchantConfigSource source =
        new MerchantConfigSource() {
          @Override
          public String name() {
            return "csv:test";
          }

          @Override
          public ConfigSnapshot fetch() {
            return new ConfigSnapshot(name(), List.of(rows), List.of());
          }
        };
    return new MerchantConfigSyncs.Run(source, coverage, review, "alice");
  }

  private static DeviceConfig moved(String host) {
    return new DeviceConfig("SN-A", null, key('a'), true, true, host);
  }

  @Test
  void anAppliedMove_isRecordedInTheAddressHistory() {
    SyncReport r =
        syncs(SyncPolicy.automatic(Set.of()))
            .sync(run(Coverage.PARTIAL, Review.AS_CONFIGURED, moved("10.0.0.99")));

    assertThat(r.count(SyncReport.Result.APPLIED)).isEqualTo(1);
    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.99");
    assertThat(addresses.history(TerminalId.of("till-a")))
        .extracting(AddressSighting::ip)
        .containsExactlyInAnyOrder("10.0.0.10", "10.0.0.99");
  }

  @Test
  void reviewAll_holdsWhatTheConfiguredPolicyWouldApply_andApprovalRecordsTheMove() {
    MerchantConfigSyncs syncs = syncs(SyncPolicy.automatic(Set.of()));

    SyncReport r = syncs.sync(run(Coverage.PARTIAL, Review.ALL, moved("10.0.0.99")));

    assertThat(r.hasHeld()).isTrue();
    assertThat(syncs.pending()).hasSize(1);
    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.10");
    assertThat(addresses.history(TerminalId.of("till-a"))).isEmpty();

    syncs.approve(r.syncId(), "bob");

    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.99");
    assertThat(addresses.history(TerminalId.of("till-a"))).hasSize(2);
    assertThat(syncs.pending()).isEmpty();
  }

  @Test
  void aRejectedSync_changesNothing() {
    MerchantConfigSyncs syncs = syncs(SyncPolicy.review());
    SyncReport r = syncs.sync(run(Coverage.PARTIAL, Review.AS_CONFIGURED, moved("10.0.0.99")));

    syncs.reject(r.syncId(), "bob");

    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.10");
    assertThat(syncs.pending()).isEmpty();
    assertThat(addresses.history(TerminalId.of("till-a"))).isEmpty();
  }

  @Test
  void onlyAFullExport_removesTheDevicesItDoesNotList() {
    MerchantConfigSyncs syncs = syncs(SyncPolicy.automatic(Set.of()));
    DeviceConfig a = new DeviceConfig("SN-A", null, key('a'), true, true, null);

    syncs.sync(run(Coverage.PARTIAL, Review.AS_CONFIGURED, a));
    assertThat(terminals.get("till-b").isDisabled()).isFalse();

    syncs.sync(run(Coverage.FULL, Review.AS_CONFIGURED, a));
    assertThat(terminals.get("till-b").isDisabled()).isTrue();
  }
}
