package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.diagnostics.CheckId;
import io.ecrhub.domain.diagnostics.CheckStatus;
import io.ecrhub.domain.diagnostics.DiagnosticCheck;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link DiagnosticResults}: runs round-trip with every check, history is newest first
 * per terminal (at most {@code limit}), and the fleet view has the latest run of each terminal.
 * Subclass it once per adapter; {@link #create()} returns an empty store.
 */
public abstract class DiagnosticResultsContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;
  private static final TerminalId A = TerminalId.of("till-a");
  private static final TerminalId B = TerminalId.of("till-b");

  private DiagnosticResults results;

  /** An empty store. */
  protected abstract DiagnosticResults create();

  @BeforeEach
  void setUpStore() {
    results = create();
  }

  private static DiagnosticReport run(String id, TerminalId terminal, Instant at) {
    return new DiagnosticReport(
        id,
        terminal,
        "192.168.1.20:9001",
        at,
        List.of(
            DiagnosticCheck.pass(CheckId.TCP_ECR_PORT, "connected in 3 ms"),
            DiagnosticCheck.warn(
                CheckId.IP_STABILITY, "seen at 2 addresses", "Reserve the address in DHCP."),
            DiagnosticCheck.fail(CheckId.LEAF_SAN, "names 10.0.0.1", "Re-issue \"the\" cert."),
            DiagnosticCheck.skipped(CheckId.MMS_HTTPS, "no MMS source")));
  }

  private void save(DiagnosticReport r) {
    txRun(() -> results.save(r));
  }

  @Test
  void save_thenLatest_returnsEveryCheckInOrder() {
    DiagnosticReport r = run("run-1", A, T0);
    save(r);

    DiagnosticReport found = tx(() -> results.latest(A)).orElseThrow();

    assertThat(found).isEqualTo(r);
    assertThat(found.overall()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void latest_ofATerminalNeverDiagnosed_isEmpty() {
    save(run("run-1", A, T0));

    assertThat(tx(() -> results.latest(B))).isEmpty();
    assertThat(tx(() -> results.history(B, 10))).isEmpty();
  }

  @Test
  void history_isNewestFirstPerTerminal_upToTheLimit_whateverTheSavingOrder() {
    save(run("run-2", A, T0.plusSeconds(20)));
    save(run("run-3", A, T0.plusSeconds(30)));
    save(run("run-b", B, T0.plusSeconds(40)));
    save(run("run-1", A, T0.plusSeconds(10)));

    assertThat(tx(() -> results.history(A, 10)))
        .extracting(DiagnosticReport::id)
        .containsExactly("run-3", "run-2", "run-1");
    assertThat(tx(() -> results.history(A, 2)))
        .extracting(DiagnosticReport::id)
        .containsExactly("run-3", "run-2");
    assertThat(tx(() -> results.latest(A)).orElseThrow().id()).isEqualTo("run-3");
  }

  @Test
  void latestPerTerminal_holdsTheNewestRunOfEachTerminal() {
    save(run("a-new", A, T0.plusSeconds(20)));
    save(run("a-old", A, T0.plusSeconds(10)));
    save(run("b-old", B, T0));
    save(run("b-new", B, T0.plusSeconds(5)));

    assertThat(tx(() -> results.latestPerTerminal()))
        .extracting(DiagnosticReport::id)
        .containsExactlyInAnyOrder("a-new", "b-new");
  }

  @Test
  void nothingStored_noFleetView() {
    assertThat(tx(() -> results.latestPerTerminal())).isEmpty();
  }

  @Test
  void longestValues_andEveryCheckAndStatus_fit() {
    List<DiagnosticCheck> checks = new ArrayList<>();
    int i = 0;
    for (CheckId id : CheckId.values()) {
      CheckStatus status = CheckStatus.values()[i++ % CheckStatus.values().length];
      checks.add(new DiagnosticCheck(id, status, "e\u00e9\u6e2f".repeat(700), "f".repeat(2000)));
    }
    TerminalId longest = TerminalId.of("t".repeat(40));
    DiagnosticReport r = new DiagnosticReport("r".repeat(40), longest, "h".repeat(300), T0, checks);
    save(r);

    assertThat(tx(() -> results.latest(longest))).contains(r);
  }
}
