package io.ecrhub.domain.diagnostics;

import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.HOST;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.NOW;
import static io.ecrhub.domain.diagnostics.DiagnosticsFixtures.httpsTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.merchant.AuditAction;
import io.ecrhub.domain.merchant.DriftAudit;
import io.ecrhub.domain.merchant.MerchantFakes;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryAudit;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryMmsSettings;
import io.ecrhub.domain.merchant.MerchantFakes.InMemoryTerminals;
import io.ecrhub.domain.merchant.MerchantFakes.RollbackUnitOfWork;
import io.ecrhub.domain.merchant.MmsDeviceSetting;
import io.ecrhub.domain.terminal.AddressSighting;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalDriftMonitor;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.InMemoryAddressHistory;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.domain.testing.InMemoryDiagnosticResults;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DiagnosticsRunnerTest {
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<String> calls = new ArrayList<>();
  private final List<TerminalCommand> sent = new ArrayList<>();

  private TerminalProbe probe(boolean reachable, TlsObservation tls) {
    return new TerminalProbe() {
      @Override
      public TcpObservation connect(String host, int port, Duration timeout) {
        calls.add("connect " + port);
        return reachable
            ? TcpObservation.ok(host, port)
            : TcpObservation.failed(host, port, "connect timed out");
      }

      @Override
      public TlsObservation handshake(String host, int port, Duration timeout) {
        calls.add("tls " + port);
        return tls;
      }
    };
  }

  /** Only the given ports accept a connection. */
  private TerminalProbe ports(int... open) {
    return new TerminalProbe() {
      @Override
      public TcpObservation connect(String host, int port, Duration timeout) {
        calls.add("connect " + port);
        return java.util.Arrays.stream(open).anyMatch(p -> p == port)
            ? TcpObservation.ok(host, port)
            : TcpObservation.failed(host, port, "connection refused");
      }

      @Override
      public TlsObservation handshake(String host, int port, Duration timeout) {
        calls.add("tls " + port);
        return DiagnosticsFixtures.healthy().tls();
      }
    };
  }

  private static DiagnosticTarget tcpTarget() {
    DiagnosticTarget t = httpsTarget();
    return new DiagnosticTarget(
        t.terminalId(), HOST, 9002, null, Transport.TCP, true, t.posKey(), null, null, null);
  }

  private DiagnosticsRunner runner(TerminalProbe p, TerminalOutcome answer) {
    return new DiagnosticsRunner(
        p,
        (endpoint, command) -> {
          sent.add(command);
          return CompletableFuture.completedFuture(answer);
        },
        DiagnosticsRunner.Timeouts.defaults(),
        clock);
  }

  @Test
  void unreachableTerminal_isNotHandshakedNorQueried() {
    DiagnosticReport r =
        runner(probe(false, null), new TerminalOutcome.NotFound("x", "6002"))
            .run("r", httpsTarget(), null, List.of());
    assertThat(calls).containsExactly("connect 9001");
    assertThat(sent).isEmpty();
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void healthyTerminal_isQueriedForAnOrderThatDoesNotExist_neverPaid() {
    TlsObservation ok = DiagnosticsFixtures.healthy().tls();
    DiagnosticReport r =
        runner(probe(true, ok), new TerminalOutcome.NotFound("no such order", "6002"))
            .run("r", httpsTarget(), null, List.of());
    assertThat(calls).containsExactly("connect 9001", "tls 9001");
    assertThat(sent).singleElement().isInstanceOf(TerminalCommand.Query.class);
    TerminalCommand.Query q = (TerminalCommand.Query) sent.get(0);
    assertThat(q.syssn().value()).startsWith("000000").hasSize(26);
    assertThat(r.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void tcpTerminal_probes9001And9002_andIsQueriedOverItsRawPort() {
    DiagnosticReport r =
        runner(ports(9002), new TerminalOutcome.NotFound("no such order", "6002"))
            .run("r", tcpTarget(), null, List.of());
    assertThat(calls).containsExactly("connect 9001", "connect 9002");
    assertThat(sent).singleElement().isInstanceOf(TerminalCommand.Query.class);
    DiagnosticCheck service = r.check(CheckId.TCP_ECR_PORT).orElseThrow();
    assertThat(service.status()).isEqualTo(CheckStatus.WARN);
    assertThat(service.evidence()).contains(HOST + ":9001").contains("raw TCP on 9002");
    DiagnosticCheck raw = r.check(CheckId.TCP_RAW_PORT).orElseThrow();
    assertThat(raw.status()).isEqualTo(CheckStatus.PASS);
    assertThat(raw.evidence()).contains(HOST + ":9002");
    assertThat(r.check(CheckId.TLS_HANDSHAKE).orElseThrow().status())
        .isEqualTo(CheckStatus.SKIPPED);
    assertThat(r.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void tcpTerminalWhoseRawPortIsClosed_failsThatCheck_andIsNotQueried() {
    DiagnosticReport r =
        runner(ports(9001), new TerminalOutcome.NotFound("no such order", "6002"))
            .run("r", tcpTarget(), null, List.of());
    assertThat(sent).isEmpty();
    assertThat(r.check(CheckId.TCP_ECR_PORT).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    DiagnosticCheck raw = r.check(CheckId.TCP_RAW_PORT).orElseThrow();
    assertThat(raw.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(raw.evidence()).contains(HOST + ":9002").contains("refused");
    assertThat(r.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void httpsTerminal_withARawPortToCheck_probesBoth() {
    DiagnosticTarget t = httpsTarget();
    DiagnosticTarget both =
        new DiagnosticTarget(
            t.terminalId(),
            HOST,
            9001,
            9002,
            Transport.HTTPS,
            true,
            t.posKey(),
            true,
            t.appVersion(),
            t.pinnedLeaf());
    DiagnosticReport r =
        runner(ports(9001), new TerminalOutcome.NotFound("no such order", "6002"))
            .run("r", both, null, List.of());
    assertThat(calls).containsExactly("connect 9001", "connect 9002", "tls 9001");
    assertThat(r.check(CheckId.TCP_RAW_PORT).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void untrustedLeaf_isNotQueried() {
    TlsObservation untrusted =
        new TlsObservation(
            TlsObservation.Result.UNTRUSTED, "PKIX", List.of(DiagnosticsFixtures.goodLeaf()), null);
    runner(probe(true, untrusted), new TerminalOutcome.NotFound("x", "6002"))
        .run("r", httpsTarget(), null, List.of());
    assertThat(sent).isEmpty();
  }

  @Test
  void channelThatNeverAnswers_isReportedUnknown_notAHang() {
    TlsObservation ok = DiagnosticsFixtures.healthy().tls();
    DiagnosticsRunner r =
        new DiagnosticsRunner(
            probe(true, ok),
            (endpoint, command) -> new CompletableFuture<>(),
            new DiagnosticsRunner.Timeouts(
                Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50)),
            clock);
    DiagnosticReport report = r.run("r", httpsTarget(), null, List.of());
    assertThat(report.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(report.check(CheckId.ECR_KEY).orElseThrow().evidence()).contains("no answer");
  }

  @Test
  void terminalDiagnostics_storesTheRun_andFeedsTheStatus() {
    InMemoryTerminals terminals = new InMemoryTerminals();
    terminals.save(MerchantFakes.terminal("till-a", "SN-A", HOST, MerchantFakes.key('a')));
    InMemoryMmsSettings mms = new InMemoryMmsSettings();
    mms.record(new MmsDeviceSetting("SN-A", true, true, "csv", NOW));
    InMemoryAudit audit = new InMemoryAudit();
    RollbackUnitOfWork uow = new RollbackUnitOfWork(terminals);
    TerminalDriftMonitor monitor =
        new TerminalDriftMonitor(
            new TerminalHealth(
                terminals, uow, clock, new DriftAudit(audit, MerchantFakes.sequentialIds())));
    InMemoryDiagnosticResults results = new InMemoryDiagnosticResults();
    InMemoryAddressHistory addresses = new InMemoryAddressHistory();
    TerminalDiagnostics d =
        new TerminalDiagnostics(
            terminals,
            mms,
            new InMemoryCertificatePins(),
            id -> Optional.empty(),
            addresses,
            NeighbourTable.NONE,
            results,
            monitor,
            runner(
                probe(true, DiagnosticsFixtures.healthy().tls()),
                new TerminalOutcome.KeyMismatch("4003", "Request Denied")),
            MerchantFakes.sequentialIds(),
            clock);

    DiagnosticReport r = d.diagnose(TerminalId.of("till-a"));

    assertThat(r.check(CheckId.MMS_HTTPS).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    assertThat(r.check(CheckId.ECR_KEY).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(results.latest(TerminalId.of("till-a"))).contains(r);
    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(audit.withAction(AuditAction.DRIFT)).hasSize(1);

    d.diagnose(TerminalId.of("till-a"));
    assertThat(terminals.get("till-a").status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
    assertThat(audit.withAction(AuditAction.DRIFT)).as("the same drift is audited once").hasSize(1);

    FleetSummary fleet = d.fleet();
    assertThat(fleet.terminals()).isEqualTo(1);
    assertThat(fleet.fail()).isEqualTo(1);
    assertThat(fleet.failingChecks()).containsEntry(CheckId.ECR_KEY, 1);
  }

  private TerminalDiagnostics answeringTerminal(
      InMemoryAddressHistory addresses, NeighbourTable neighbours) {
    InMemoryTerminals terminals = new InMemoryTerminals();
    terminals.save(MerchantFakes.terminal("till-m", "SN-M", HOST, MerchantFakes.key('m')));
    return diagnostics(
        terminals,
        addresses,
        neighbours,
        probe(true, DiagnosticsFixtures.healthy().tls()),
        new TerminalOutcome.NotFound("no such order", "6002"));
  }

  private TerminalDiagnostics diagnostics(
      InMemoryTerminals terminals,
      InMemoryAddressHistory addresses,
      NeighbourTable neighbours,
      TerminalProbe probe,
      TerminalOutcome answer) {
    InMemoryAudit audit = new InMemoryAudit();
    TerminalDriftMonitor monitor =
        new TerminalDriftMonitor(
            new TerminalHealth(
                terminals,
                new RollbackUnitOfWork(terminals),
                clock,
                new DriftAudit(audit, MerchantFakes.sequentialIds())));
    return new TerminalDiagnostics(
        terminals,
        new InMemoryMmsSettings(),
        new InMemoryCertificatePins(),
        id -> Optional.empty(),
        addresses,
        neighbours,
        new InMemoryDiagnosticResults(),
        monitor,
        runner(probe, answer),
        MerchantFakes.sequentialIds(),
        clock);
  }

  @Test
  void tcpTerminal_isUnreachableWhenItsRawPortIsClosed_notWhen9001Is() {
    InMemoryTerminals terminals = new InMemoryTerminals();
    terminals.save(
        MerchantFakes.terminal("till-t", "SN-T", HOST, MerchantFakes.key('t')).toBuilder()
            .transport(Transport.TCP)
            .port(9002)
            .build());
    diagnostics(
            terminals,
            new InMemoryAddressHistory(),
            NeighbourTable.NONE,
            ports(9002),
            new TerminalOutcome.NotFound("no such order", "6002"))
        .diagnose(TerminalId.of("till-t"));
    assertThat(terminals.get("till-t").status()).isEqualTo(TerminalStatus.ONLINE);
    DiagnosticReport r =
        diagnostics(
                terminals,
                new InMemoryAddressHistory(),
                NeighbourTable.NONE,
                ports(9001),
                new TerminalOutcome.NotFound("no such order", "6002"))
            .diagnose(TerminalId.of("till-t"));
    assertThat(r.check(CheckId.TCP_RAW_PORT).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    assertThat(terminals.get("till-t").status()).isEqualTo(TerminalStatus.UNREACHABLE);
  }

  @Test
  void answeringTerminal_isRecordedWithTheMacTheHubSees_andTheDhcpFixNamesIt() {
    InMemoryAddressHistory addresses = new InMemoryAddressHistory();
    addresses.seen(TerminalId.of("till-m"), "10.0.0.7", null, NOW.minus(Duration.ofDays(60)));
    List<String> looked = new ArrayList<>();
    NeighbourTable arp =
        host -> {
          looked.add(host);
          return host.equals(HOST) ? Optional.of("aa:bb:cc:dd:ee:0f") : Optional.empty();
        };

    DiagnosticReport r = answeringTerminal(addresses, arp).diagnose(TerminalId.of("till-m"));

    assertThat(looked).containsExactly(HOST);
    assertThat(newest(addresses.history(TerminalId.of("till-m"))))
        .extracting(AddressSighting::ip, AddressSighting::mac)
        .containsExactly(HOST, "aa:bb:cc:dd:ee:0f");
    DiagnosticCheck ip = r.check(CheckId.IP_STABILITY).orElseThrow();
    assertThat(ip.status()).isEqualTo(CheckStatus.WARN);
    assertThat(ip.fix()).contains("DHCP").contains("The terminal's MAC is aa:bb:cc:dd:ee:0f.");
  }

  @Test
  void terminalTheHubSeesNoMacFor_getsAFixSayingTheMacIsUnknown() {
    InMemoryAddressHistory addresses = new InMemoryAddressHistory();
    addresses.seen(TerminalId.of("till-m"), "10.0.0.7", null, NOW.minus(Duration.ofDays(60)));

    DiagnosticReport r =
        answeringTerminal(addresses, NeighbourTable.NONE).diagnose(TerminalId.of("till-m"));

    assertThat(newest(addresses.history(TerminalId.of("till-m"))).mac()).isNull();
    DiagnosticCheck ip = r.check(CheckId.IP_STABILITY).orElseThrow();
    assertThat(ip.status()).isEqualTo(CheckStatus.WARN);
    assertThat(ip.fix())
        .contains("DHCP")
        .contains("MAC unknown (not on this LAN segment)")
        .contains("router");
  }

  @Test
  void fleetSummary_countsTerminalsNeverDiagnosed() {
    DiagnosticReport pass =
        new DiagnosticReport(
            "r1",
            TerminalId.of("a"),
            "h:1",
            NOW,
            List.of(DiagnosticCheck.pass(CheckId.TCP_ECR_PORT, "ok")));
    FleetSummary s =
        FleetSummary.of(List.of(TerminalId.of("a"), TerminalId.of("b")), List.of(pass), NOW);
    assertThat(s.pass()).isEqualTo(1);
    assertThat(s.neverDiagnosed()).isEqualTo(1);
  }

  private static AddressSighting newest(List<AddressSighting> history) {
    return history.get(history.size() - 1);
  }
}
