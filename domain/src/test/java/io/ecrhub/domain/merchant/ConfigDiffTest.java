package io.ecrhub.domain.merchant;

import static io.ecrhub.domain.merchant.MerchantFakes.key;
import static io.ecrhub.domain.merchant.MerchantFakes.terminal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
  private final Terminal a = terminal("till-a", "SN-A", "10.0.0.10", key('a'));
  private final Terminal b = terminal("till-b", "SN-B", "10.0.0.11", key('b'));

  private static ConfigSnapshot snap(List<DeviceConfig> rows, List<RowError> errors) {
    return new ConfigSnapshot("csv:test", rows, errors);
  }

  @Test
  void identicalRows_produceNoChanges() {
    ConfigSnapshot s =
        snap(
            List.of(
                new DeviceConfig("SN-A", "Till till-a", key('a'), true, true, "10.0.0.10"),
                new DeviceConfig("SN-B", null, key('b'), true, true, null)),
            List.of());
    ConfigDiff d = ConfigDiff.between(s, List.of(a, b), true);
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.unchanged()).isEqualTo(2);
  }

  @Test
  void everyKindOfChange_isDetectedPerDevice() {
    ConfigSnapshot s =
        snap(
            List.of(
                new DeviceConfig("SN-A", "Front", key('z'), false, false, "10.0.0.99"),
                new DeviceConfig("SN-NEW", "New", key('n'), true, true, "10.0.0.50")),
            List.of());
    ConfigDiff d = ConfigDiff.between(s, List.of(a, b), true);

    assertThat(d.changes()).hasSize(3);
    DeviceChange ca = d.changes().get(0);
    assertThat(ca.terminalId()).isEqualTo(TerminalId.of("till-a"));
    assertThat(ca.kinds())
        .containsExactlyInAnyOrder(
            ChangeKind.KEY_CHANGED,
            ChangeKind.HTTPS_TOGGLED,
            ChangeKind.ENCRYPTION_TOGGLED,
            ChangeKind.IP_CHANGED,
            ChangeKind.NAME_CHANGED);
    assertThat(ca.notes())
        .contains("https: on -> off", "encryption: on -> off", "ip: 10.0.0.10 -> 10.0.0.99");
    assertThat(d.changes().get(1).kinds()).containsExactly(ChangeKind.NEW);
    assertThat(d.changes().get(2).kinds()).containsExactly(ChangeKind.REMOVED);
    assertThat(d.changes().get(2).deviceId()).isEqualTo("SN-B");
  }

  @Test
  void changedKey_isNeverShownInNotesOrText() {
    ConfigSnapshot s =
        snap(List.of(new DeviceConfig("SN-A", null, key('z'), true, true, null)), List.of());
    DeviceChange c = ConfigDiff.between(s, List.of(a), false).changes().get(0);
    assertThat(c.kinds()).containsExactly(ChangeKind.KEY_CHANGED);
    String all = c.notes() + c.toString();
    assertThat(all).doesNotContain(key('z').reveal()).doesNotContain(key('a').reveal());
    assertThat(all).doesNotContain("zzzzzzzz").doesNotContain("aaaaaaaa");
  }

  @Test
  void deviceWhoseRowWasRejected_isNotReportedRemoved() {
    ConfigSnapshot s =
        snap(
            List.of(new DeviceConfig("SN-A", null, key('a'), true, true, null)),
            List.of(new RowError(3, "pos key", "must be 16, 24 or 32 bytes", "SN-B")));
    assertThat(ConfigDiff.between(s, List.of(a, b), true).isEmpty()).isTrue();
  }

  @Test
  void partialUpload_withoutRemovalDetection_reportsNoRemovals() {
    ConfigSnapshot s =
        snap(List.of(new DeviceConfig("SN-A", null, key('a'), true, true, null)), List.of());
    assertThat(ConfigDiff.between(s, List.of(a, b), false).isEmpty()).isTrue();
  }

  @Test
  void unlinkedTerminalAtTheRowsIp_isLinkedInsteadOfDuplicated() {
    Terminal manual =
        Terminal.builder()
            .id(TerminalId.of("manual"))
            .name("Manual")
            .host("10.0.0.20")
            .transport(Transport.HTTP)
            .encryption(true)
            .posKey(key('m'))
            .createdAt(MerchantFakes.T0)
            .build();
    ConfigSnapshot s =
        snap(
            List.of(new DeviceConfig("SN-M", null, key('m'), false, true, "10.0.0.20")), List.of());
    DeviceChange c = ConfigDiff.between(s, List.of(manual), true).changes().get(0);
    assertThat(c.terminalId()).isEqualTo(TerminalId.of("manual"));
    assertThat(c.kinds()).containsExactly(ChangeKind.LINKED);
  }

  @Test
  void severalUnlinkedTerminalsAtTheRowsIp_areNotGuessed_theDeviceIsNew() {
    Terminal one = manualAt("m1", "10.0.0.20");
    Terminal two = manualAt("m2", "10.0.0.20");
    ConfigSnapshot s =
        snap(
            List.of(new DeviceConfig("SN-M", null, key('m'), false, true, "10.0.0.20")), List.of());
    assertThat(ConfigDiff.between(s, List.of(one, two), true).changes().get(0).kinds())
        .containsExactly(ChangeKind.NEW);
  }

  private static Terminal manualAt(String id, String host) {
    return Terminal.builder()
        .id(TerminalId.of(id))
        .name("Manual")
        .host(host)
        .transport(Transport.HTTP)
        .posKey(key('m'))
        .createdAt(MerchantFakes.T0)
        .build();
  }

  @Test
  void httpsToggle_isIgnoredForTcpAndSerialTerminals() {
    Terminal tcp =
        Terminal.builder()
            .id(TerminalId.of("tcp"))
            .name("Tcp")
            .host("10.0.0.30")
            .transport(Transport.TCP)
            .posKey(key('t'))
            .deviceId("SN-T")
            .createdAt(MerchantFakes.T0)
            .build();
    ConfigSnapshot s =
        snap(List.of(new DeviceConfig("SN-T", null, key('t'), true, true, null)), List.of());
    assertThat(ConfigDiff.between(s, List.of(tcp), true).isEmpty()).isTrue();
  }
}
