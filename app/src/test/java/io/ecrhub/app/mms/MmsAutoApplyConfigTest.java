package io.ecrhub.app.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.merchant.ChangeKind;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import io.ecrhub.domain.merchant.ReviewRule;
import io.ecrhub.domain.merchant.SyncReport;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ecrhub.mms.auto-apply=false} holds every change of a sync for review, without {@code
 * ?review=true}: the property is read into {@link MmsConfig} by SmallRye Config (as the hub reads
 * it) and given to an {@link MmsSyncs} over the hub's own stores, so no test profile (and no second
 * Quarkus start) is needed. The held sync is then seen, approved and applied over the admin API.
 * The IPs are documentation addresses (192.0.2.0/24): data only, never contacted.
 */
@QuarkusTest
class MmsAutoApplyConfigTest {
  static final String KEY_1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String KEY_2 = "f9e8d7c6b5a4039281706f5e4d3c2b1a";
  static final String KEY_3 = "1234567890abcdef1234567890abcdef";

  @Inject MmsConfig hubMms;
  @Inject Terminals terminals;
  @Inject HeldSyncs held;
  @Inject MmsDeviceSettings settings;
  @Inject ConfigAudit audit;
  @Inject UnitOfWork uow;
  @Inject Clock clock;
  @Inject IdGenerator ids;
  @Inject HubConfig hub;
  @Inject AddressHistory addresses;
  @Inject TerminalHealth health;

  /** The {@code ecrhub.mms.*} mapping read from these properties (defaults for the rest). */
  private static MmsConfig mmsConfig(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDiscoveredConverters()
            .withMapping(MmsConfig.class)
            .withDefaultValues(properties)
            .build();
    return config.getConfigMapping(MmsConfig.class);
  }

  private MmsSyncs syncs(MmsConfig config) {
    return new MmsSyncs(
        terminals,
        held,
        settings,
        audit,
        uow,
        clock,
        ids,
        config,
        hub,
        addresses,
        health,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  private static String id(String deviceId) {
    return deviceId.toLowerCase(Locale.ROOT);
  }

  @Test
  void autoApplyOff_holdsNewAndChangedDevices_untilApproved() {
    assertThat(hubMms.autoApply()).as("the hub's default policy").isTrue();
    MmsConfig reviewAll = mmsConfig(Map.of("ecrhub.mms.auto-apply", "false"));
    assertThat(reviewAll.autoApply()).isFalse();

    String known = Api.unique("SNK");
    String fresh = Api.unique("SNN");
    // the hub's own policy applies at once
    Api.admin()
        .contentType("text/csv")
        .body("sn,pos key,https,encryption,ip\n" + known + "," + KEY_1 + ",1,1,192.0.2.130\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200)
        .body("applied", equalTo(1));

    String csv =
        "sn,pos key,https,encryption,ip\n"
            + known
            + ","
            + KEY_2
            + ",0,1,192.0.2.131\n"
            + fresh
            + ","
            + KEY_3
            + ",1,1,192.0.2.132\n";
    SyncReport report =
        syncs(reviewAll)
            .upload(
                "csv",
                "poskeys.csv",
                csv.getBytes(StandardCharsets.UTF_8),
                true,
                false,
                "test-admin");

    assertThat(report.count(SyncReport.Result.HELD)).isEqualTo(2);
    assertThat(report.count(SyncReport.Result.APPLIED)).isZero();
    assertThat(report.devices())
        .filteredOn(d -> d.deviceId().equals(known))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.changes())
                    .contains(
                        ChangeKind.KEY_CHANGED, ChangeKind.HTTPS_TOGGLED, ChangeKind.IP_CHANGED));
    // nothing applied: the known terminal keeps HTTPS and its IP, the new one does not exist
    Api.admin()
        .get("/api/v1/terminals/" + id(known))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTPS"))
        .body("host", equalTo("192.0.2.130"));
    Api.admin().get("/api/v1/terminals/" + id(fresh)).then().statusCode(404);
    String pending =
        Api.admin().get("/api/v1/mms/held").then().statusCode(200).extract().asString();
    assertThat(pending)
        .contains(report.syncId())
        .contains(known)
        .contains(fresh)
        .doesNotContain(KEY_2)
        .doesNotContain(KEY_3);

    Api.admin()
        .post("/api/v1/mms/held/" + report.syncId() + "/approve")
        .then()
        .statusCode(200)
        .body("applied", equalTo(2));
    Api.admin()
        .get("/api/v1/terminals/" + id(known))
        .then()
        .statusCode(200)
        .body("transport", equalTo("HTTP"))
        .body("host", equalTo("192.0.2.131"));
    Api.admin().get("/api/v1/terminals/" + id(fresh)).then().statusCode(200);
  }

  @Test
  void byDefault_addressKeyAndHttpsOffAreHeld_whileNewDevicesApply() {
    assertThat(hubMms.alwaysReview())
        .containsExactlyInAnyOrder(
            ReviewRule.REMOVAL, ReviewRule.ADDRESS, ReviewRule.POS_KEY, ReviewRule.HTTPS_OFF);
    String moved = Api.unique("SNM");
    String rekeyed = Api.unique("SNR");
    String downgraded = Api.unique("SNH");
    String fresh = Api.unique("SNF");
    Api.admin()
        .contentType("text/csv")
        .body(
            "sn,pos key,https,encryption,ip\n"
                + moved
                + ","
                + KEY_1
                + ",1,1,192.0.2.140\n"
                + rekeyed
                + ","
                + KEY_1
                + ",1,1,192.0.2.141\n"
                + downgraded
                + ","
                + KEY_1
                + ",1,1,192.0.2.142\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200)
        .body("applied", equalTo(3));

    String csv =
        "sn,pos key,https,encryption,ip\n"
            + moved
            + ","
            + KEY_1
            + ",1,1,192.0.2.150\n"
            + rekeyed
            + ","
            + KEY_2
            + ",1,1,192.0.2.141\n"
            + downgraded
            + ","
            + KEY_1
            + ",0,1,192.0.2.142\n"
            + fresh
            + ","
            + KEY_3
            + ",1,1,192.0.2.143\n";
    SyncReport report =
        syncs(hubMms)
            .upload("csv", "risky.csv", csv.getBytes(StandardCharsets.UTF_8), true, false, "t");

    assertThat(report.devices())
        .extracting(SyncReport.DeviceResult::deviceId, SyncReport.DeviceResult::result)
        .containsExactlyInAnyOrder(
            tuple(moved, SyncReport.Result.HELD),
            tuple(rekeyed, SyncReport.Result.HELD),
            tuple(downgraded, SyncReport.Result.HELD),
            tuple(fresh, SyncReport.Result.APPLIED));
    Api.admin().get("/api/v1/terminals/" + id(moved)).then().body("host", equalTo("192.0.2.140"));
    Api.admin()
        .get("/api/v1/terminals/" + id(downgraded))
        .then()
        .body("transport", equalTo("HTTPS"));
    String fingerprint =
        Api.admin()
            .get("/api/v1/terminals/" + id(rekeyed))
            .then()
            .extract()
            .path("posKeyFingerprint");

    Api.admin()
        .post("/api/v1/mms/held/" + report.syncId() + "/approve")
        .then()
        .statusCode(200)
        .body("applied", equalTo(3));
    Api.admin().get("/api/v1/terminals/" + id(moved)).then().body("host", equalTo("192.0.2.150"));
    Api.admin()
        .get("/api/v1/terminals/" + id(downgraded))
        .then()
        .body("transport", equalTo("HTTP"));
    assertThat(
            Api.admin()
                .get("/api/v1/terminals/" + id(rekeyed))
                .then()
                .extract()
                .<String>path("posKeyFingerprint"))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void alwaysReview_isConfigurable() {
    MmsConfig removalsOnly = mmsConfig(Map.of("ecrhub.mms.always-review", "REMOVAL"));
    String known = Api.unique("SNA");
    Api.admin()
        .contentType("text/csv")
        .body("sn,pos key,https,encryption,ip\n" + known + "," + KEY_1 + ",1,1,192.0.2.160\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200);

    String csv = "sn,pos key,https,encryption,ip\n" + known + "," + KEY_2 + ",0,1,192.0.2.161\n";
    SyncReport report =
        syncs(removalsOnly)
            .upload("csv", "keys.csv", csv.getBytes(StandardCharsets.UTF_8), true, false, "t");

    assertThat(report.count(SyncReport.Result.APPLIED)).isEqualTo(1);
    Api.admin().get("/api/v1/terminals/" + id(known)).then().body("host", equalTo("192.0.2.161"));
  }

  @Test
  void aPlainHttpPullUrlToAnotherHost_stopsTheHubWithTheReason() {
    MmsConfig plain =
        mmsConfig(Map.of("ecrhub.mms.pull.url", "http://192.0.2.170/devices")); // never contacted
    assertThatThrownBy(() -> syncs(plain))
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("ecrhub.mms.pull")
        .hasMessageContaining("https://");
    MmsConfig loopback = mmsConfig(Map.of("ecrhub.mms.pull.url", "http://127.0.0.1:9/devices"));
    assertThat(syncs(loopback).pullConfigured()).isTrue();
  }
}
