package io.ecrhub.domain.merchant;

import static io.ecrhub.domain.merchant.MerchantFakes.key;
import static io.ecrhub.domain.merchant.MerchantFakes.terminal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.ecrhub.domain.merchant.MerchantFakes.InMemoryAudit;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryHeldSyncs;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryMmsSettings;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryTerminals;
import io.ecrhub.domain.merchant.MerchantFakes.RollbackUnitOfWork;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MerchantConfigSyncTest {
  private final InMemoryTerminals terminals = new InMemoryTerminals();
  private final InMemoryHeldSyncs held = new InMemoryHeldSyncs();
  private final InMemoryMmsSettings mms = new InMemoryMmsSettings();
  private final InMemoryAudit audit = new InMemoryAudit();
  private final RollbackUnitOfWork uow = new RollbackUnitOfWork(terminals);
  private final Clock clock = Clock.fixed(MerchantFakes.T0, ZoneOffset.UTC);

  @BeforeEach
  void registry() {
    terminals.save(terminal("till-a", "SN-A", "10.0.0.10", key('a')));
    Terminal old = terminal("till-b", "SN-B", "10.0.0.11", key('b'));
    old.moveTo("10.0.0.11", 9001, Transport.HTTP);
    old.setAppVersion(AppVersion.parse("4.33.24"));
    terminals.save(old);
    Terminal c = terminal("till-c", "SN-C", "10.0.0.12", key('c'));
    c.observe(TerminalStatus.KEY_MISMATCH, "4003", MerchantFakes.T0);
    terminals.save(c);
  }

  private MerchantConfigSync sync(SyncPolicy policy) {
    return new MerchantConfigSync(
        terminals,
        held,
        mms,
        audit,
        uow,
        clock,
        MerchantFakes.sequentialIds(),
        new TerminalHealth(
            terminals, uow, clock, new DriftAudit(audit, MerchantFakes.sequentialIds())),
        policy);
  }

  private static MerchantConfigSource source(List<DeviceConfig> rows, List<RowError> errors) {
    return new MerchantConfigSource() {
      @Override
      public String name() {
        return "csv:test";
      }

      @Override
      public ConfigSnapshot fetch() {
        return new ConfigSnapshot(name(), rows, errors);
      }
    };
  }

  @Test
  void automaticSync_appliesGoodRows_reportsBadRows_andHoldsRemovals() {
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('z'), true, false, "10.0.0.20"),
                new DeviceConfig("SN-N", "New till", key('n'), true, true, "10.0.0.50")),
            List.of(new RowError(4, "https", "must be yes/no, on/off, true/false or 1/0")));

    MerchantConfigSync s = sync(SyncPolicy.automatic());
    SyncReport r = s.sync(src, "alice");

    // the new device applies at once; SN-A's new key and IP and the two removals wait
    Terminal n = terminals.findByDeviceId("SN-N").orElseThrow();
    assertThat(n.id().value()).isEqualTo("sn-n");
    assertThat(n.transport()).isEqualTo(Transport.HTTPS);
    assertThat(n.host()).isEqualTo("10.0.0.50");
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('a'));
    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.10");
    assertThat(r.count(SyncReport.Result.APPLIED)).isEqualTo(1);
    assertThat(r.count(SyncReport.Result.HELD)).isEqualTo(3);
    assertThat(terminals.get("till-b").isDisabled()).isFalse();
    assertThat(held.pending()).singleElement().satisfies(h -> assertThat(h.changes()).hasSize(3));
    assertThat(r.rowErrors()).singleElement().satisfies(e -> assertThat(e.row()).isEqualTo(4));
    assertThat(audit.withAction(AuditAction.ROW_REJECTED)).hasSize(1);
    assertThat(audit.withAction(AuditAction.APPLIED)).hasSize(1);
    assertThat(audit.withAction(AuditAction.HELD)).hasSize(3);
    assertThat(mms.find("SN-A")).get().satisfies(m -> assertThat(m.encryption()).isFalse());

    s.approve(r.syncId(), "bob");
    Terminal a = terminals.get("till-a");
    assertThat(a.posKey()).isEqualTo(key('z'));
    assertThat(a.encryption()).isFalse();
    assertThat(a.host()).isEqualTo("10.0.0.20");
  }

  @Test
  void automaticPolicy_holdsAddressKeyAndHttpsOff_butAppliesTheHarmlessChanges() {
    Terminal plain = terminal("till-d", "SN-D", "10.0.0.13", key('d'));
    plain.moveTo("10.0.0.13", 9001, Transport.HTTP);
    terminals.save(plain);
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('a'), true, true, "10.0.0.99"), // moved
                new DeviceConfig("SN-B", null, key('x'), false, true, null), // new key
                new DeviceConfig("SN-C", null, key('c'), false, true, null), // https off
                new DeviceConfig("SN-D", "Renamed", key('d'), true, false, null)), // on, aes off
            List.of());

    SyncReport r = sync(SyncPolicy.automatic().withDetectRemovals(false)).sync(src, "alice");

    assertThat(r.devices())
        .extracting(SyncReport.DeviceResult::deviceId, SyncReport.DeviceResult::result)
        .containsExactlyInAnyOrder(
            tuple("SN-A", SyncReport.Result.HELD),
            tuple("SN-B", SyncReport.Result.HELD),
            tuple("SN-C", SyncReport.Result.HELD),
            tuple("SN-D", SyncReport.Result.APPLIED));
    assertThat(terminals.get("till-a").host()).isEqualTo("10.0.0.10");
    assertThat(terminals.get("till-b").posKey()).isEqualTo(key('b'));
    assertThat(terminals.get("till-c").transport()).isEqualTo(Transport.HTTPS);
    assertThat(terminals.get("till-d").transport()).isEqualTo(Transport.HTTPS);
    assertThat(terminals.get("till-d").name()).isEqualTo("Renamed");
  }

  @Test
  void alwaysReview_isWhatTheOperatorConfigured() {
    MerchantConfigSource src =
        source(List.of(new DeviceConfig("SN-A", null, key('z'), true, true, null)), List.of());
    SyncReport r =
        sync(SyncPolicy.automatic(Set.of(ReviewRule.REMOVAL)).withDetectRemovals(false))
            .sync(src, "alice");
    assertThat(r.count(SyncReport.Result.APPLIED)).isEqualTo(1);
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('z'));
  }

  @Test
  void reviewPolicy_holdsEverything_untilApproved() {
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('z'), true, true, null),
                new DeviceConfig("SN-B", null, key('b'), false, true, null),
                new DeviceConfig("SN-C", null, key('c'), true, true, null)),
            List.of());
    MerchantConfigSync s = sync(SyncPolicy.review());

    SyncReport r = s.sync(src, "alice");
    assertThat(r.hasHeld()).isTrue();
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('a'));

    SyncReport approved = s.approve(r.syncId(), "bob");
    assertThat(approved.count(SyncReport.Result.APPLIED)).isEqualTo(1);
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('z'));
    assertThat(held.find(r.syncId()).orElseThrow().status()).isEqualTo(HeldSync.Status.APPROVED);
    assertThat(held.find(r.syncId()).orElseThrow().resolvedBy()).isEqualTo("bob");
    assertThatThrownBy(() -> s.approve(r.syncId(), "bob"))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("HELD_SYNC_RESOLVED");
  }

  @Test
  void rejectingAHeldSync_appliesNothing() {
    MerchantConfigSource src =
        source(List.of(new DeviceConfig("SN-A", null, key('z'), true, true, null)), List.of());
    MerchantConfigSync s = sync(SyncPolicy.review().withDetectRemovals(false));
    SyncReport r = s.sync(src, "alice");
    SyncReport rejected = s.reject(r.syncId(), "bob");
    assertThat(rejected.count(SyncReport.Result.REJECTED)).isEqualTo(1);
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('a'));
    assertThat(audit.withAction(AuditAction.REJECTED)).hasSize(1);
  }

  @Test
  void approvingARemoval_disablesTheTerminal_neverDeletesIt() {
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('a'), true, true, null),
                new DeviceConfig("SN-C", null, key('c'), true, true, null)),
            List.of());
    MerchantConfigSync s = sync(SyncPolicy.automatic());
    SyncReport r = s.sync(src, "alice");
    s.approve(r.syncId(), "bob");
    assertThat(terminals.get("till-b").isDisabled()).isTrue();
  }

  @Test
  void deviceThatCannotBeApplied_changesNothingOfThatDevice_andOthersStillApply() {
    // till-b runs 4.33.24: HTTPS on in MMS cannot be applied, and neither can its new key.
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('z'), true, true, null),
                new DeviceConfig("SN-B", null, key('y'), true, false, null),
                new DeviceConfig("SN-C", null, key('c'), true, true, null)),
            List.of());

    MerchantConfigSync s = sync(SyncPolicy.automatic());
    SyncReport r = s.approve(s.sync(src, "alice").syncId(), "bob"); // new keys are held

    Terminal b = terminals.get("till-b");
    assertThat(b.posKey()).isEqualTo(key('b'));
    assertThat(b.encryption()).isTrue();
    assertThat(b.transport()).isEqualTo(Transport.HTTP);
    assertThat(terminals.get("till-a").posKey()).isEqualTo(key('z'));
    assertThat(r.devices())
        .filteredOn(d -> d.deviceId().equals("SN-B"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.result()).isEqualTo(SyncReport.Result.FAILED);
              assertThat(d.reason()).startsWith("HTTPS_NEEDS_NEWER_APP");
            });
    assertThat(audit.withAction(AuditAction.FAILED)).hasSize(1);
  }

  @Test
  void keyReimport_clearsAKeyMismatchStatus() {
    MerchantConfigSource src =
        source(List.of(new DeviceConfig("SN-C", null, key('x'), true, true, null)), List.of());
    MerchantConfigSync s = sync(SyncPolicy.automatic().withDetectRemovals(false));
    s.approve(s.sync(src, "alice").syncId(), "bob"); // a new key is held for review
    assertThat(terminals.get("till-c").status()).isEqualTo(TerminalStatus.NEW);
  }

  @Test
  void newDeviceWithoutIp_isSkippedWithTheReason() {
    MerchantConfigSource src =
        source(List.of(new DeviceConfig("SN-Q", null, key('q'), true, true, null)), List.of());
    SyncReport r = sync(SyncPolicy.automatic().withDetectRemovals(false)).sync(src, "alice");
    assertThat(r.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.result()).isEqualTo(SyncReport.Result.SKIPPED);
              assertThat(d.reason()).contains("no IP address");
            });
    assertThat(terminals.findByDeviceId("SN-Q")).isEmpty();
  }

  @Test
  void sourceFailure_isAudited_andRethrown() {
    MerchantConfigSource broken =
        new MerchantConfigSource() {
          @Override
          public String name() {
            return "http:partner";
          }

          @Override
          public ConfigSnapshot fetch() {
            throw ConfigSourceException.unavailable("connection refused");
          }
        };
    assertThatThrownBy(() -> sync(SyncPolicy.automatic()).sync(broken, "scheduler"))
        .isInstanceOf(ConfigSourceException.class);
    assertThat(audit.withAction(AuditAction.SOURCE_FAILED))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("connection refused"));
  }

  @Test
  void noChanges_isAuditedOnce() {
    MerchantConfigSource src =
        source(List.of(new DeviceConfig("SN-A", null, key('a'), true, true, null)), List.of());
    SyncReport r = sync(SyncPolicy.automatic().withDetectRemovals(false)).sync(src, "alice");
    assertThat(r.devices()).isEmpty();
    assertThat(audit.entries)
        .singleElement()
        .extracting(ConfigAuditEntry::action)
        .isEqualTo(AuditAction.NO_CHANGES);
  }

  @Test
  void auditLog_neverContainsAKey() {
    MerchantConfigSource src =
        source(
            List.of(
                new DeviceConfig("SN-A", null, key('z'), false, false, "10.0.0.77"),
                new DeviceConfig("SN-N", null, key('n'), true, true, "10.0.0.51")),
            List.of());
    sync(SyncPolicy.automatic()).sync(src, "alice");
    assertThat(audit.entries).isNotEmpty();
    for (ConfigAuditEntry e : audit.entries) {
      assertThat(String.valueOf(e))
          .doesNotContain(key('z').reveal())
          .doesNotContain(key('n').reveal())
          .doesNotContain(key('a').reveal());
    }
  }

  @Test
  void unknownHeldSync_isNotFound() {
    assertThatThrownBy(() -> sync(SyncPolicy.review()).approve("nope", "bob"))
        .isInstanceOf(NotFoundException.class);
  }
}
