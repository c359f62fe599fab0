package io.ecrhub.app.mms;

import io.ecrhub.app.cluster.ClusterRunner;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.SyncReport;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Pulls the configured device-list API on schedule; failures are audited and logged, not thrown.
 * Only the instance that runs the cluster-wide jobs pulls ({@link ClusterRunner}, ADR 0019), so
 * several instances never hold the same sync twice.
 */
@ApplicationScoped
public class MmsPullJob {
  private static final Logger LOG = Logger.getLogger(MmsPullJob.class);
  private final MmsSyncs syncs;
  private final ClusterRunner runner;

  @Inject
  public MmsPullJob(MmsSyncs syncs, ClusterRunner runner) {
    this.syncs = syncs;
    this.runner = runner;
  }

  @Scheduled(
      identity = "mms-pull",
      every = "${ecrhub.mms.pull.every:15m}",
      delayed = "${ecrhub.mms.pull.delay:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void pull() {
    if (!syncs.pullConfigured() || !runner.leads()) {
      return;
    }
    try {
      SyncReport r = syncs.pull("scheduler");
      LOG.infof(
          "MMS pull %s: %d applied, %d held, %d failed, %d rows rejected",
          r.syncId(),
          r.count(SyncReport.Result.APPLIED),
          r.count(SyncReport.Result.HELD),
          r.count(SyncReport.Result.FAILED),
          r.rowErrors().size());
    } catch (ConfigSourceException e) {
      LOG.warnf("MMS pull failed (%s): %s", e.code(), e.getMessage());
    }
  }
}
