package io.ecrhub.app.settlement;

import io.ecrhub.app.cluster.ClusterRunner;
import io.ecrhub.domain.settlement.SettlementRun;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The nightly statement: on {@code ecrhub.reports.settlement.cron} (in the business day's zone) the
 * one instance that runs the cluster-wide jobs ({@link ClusterRunner}, ADR 0019) stores yesterday's
 * statement and publishes {@code report.settlement_mismatch} when anything differs. Does nothing
 * without a QFPay cloud account.
 */
@ApplicationScoped
public class SettlementJob {
  private static final Logger LOG = Logger.getLogger(SettlementJob.class);

  private final SettlementReports reports;
  private final ClusterRunner runner;

  @Inject
  public SettlementJob(SettlementReports reports, ClusterRunner runner) {
    this.reports = reports;
    this.runner = runner;
  }

  @Scheduled(
      identity = "settlement-statement",
      cron = "${ecrhub.reports.settlement.cron:0 30 1 * * ?}",
      timeZone = "${ecrhub.reports.settlement.zone:Asia/Hong_Kong}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void nightly() {
    if (!reports.configured() || !runner.leads()) {
      return;
    }
    try {
      reports
          .runNightly()
          .ifPresent(
              (SettlementRun r) ->
                  LOG.infof(
                      "settlement statement %s for %s: %s (%d matched, %d amounts differ, %d only"
                          + " at QFPay, %d only in the hub)%s",
                      r.id(),
                      r.date(),
                      r.status(),
                      r.matched(),
                      r.amountDiffers(),
                      r.onlyAtQfpay(),
                      r.onlyInHub(),
                      r.detail() == null ? "" : ": " + r.detail()));
    } catch (RuntimeException e) {
      LOG.warnf("settlement statement not stored: %s", e.toString());
    }
  }
}
