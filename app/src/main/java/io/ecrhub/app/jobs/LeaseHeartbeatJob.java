package io.ecrhub.app.jobs;

import io.ecrhub.domain.transaction.RenewLeases;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The heartbeat of this instance's terminal leases (ADR 0019): every third of the lease time to
 * live ({@code ecrhub.terminal.lease-ttl}, 15 s by default) it renews the leases of the payments
 * and refunds in flight here. It runs on a thread of its own, not on the shared scheduler, so a
 * slow job elsewhere cannot make a lease lapse; a renewal that fails (a slow or unreachable
 * database) is tried again on the next beat, twice before the lease runs out.
 */
@ApplicationScoped
public class LeaseHeartbeatJob {
  private static final Logger LOG = Logger.getLogger(LeaseHeartbeatJob.class);

  private final RenewLeases leases;
  private ScheduledExecutorService beat;

  @Inject
  public LeaseHeartbeatJob(RenewLeases leases) {
    this.leases = leases;
  }

  void onStart(@Observes StartupEvent event) {
    long every = leases.renewEvery().toMillis();
    beat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ecrhub-lease-heartbeat");
              t.setDaemon(true);
              return t;
            });
    beat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  void renew() {
    try {
      leases.renewHeld();
    } catch (RuntimeException e) {
      LOG.warnf("terminal lease heartbeat failed (tried again next beat): %s", e.toString());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (beat != null) {
      beat.shutdownNow();
    }
  }
}
