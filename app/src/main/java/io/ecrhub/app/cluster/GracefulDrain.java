package io.ecrhub.app.cluster;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.transaction.DrainExchanges;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Graceful drain on shutdown (SIGTERM; ADR 0024). As soon as the hub is asked to stop, and before
 * Quarkus closes the HTTP server ({@code quarkus.shutdown.delay-enabled} fires {@link
 * ShutdownDelayInitiatedEvent} first): new payments and refunds get {@code 503 HUB_DRAINING} with
 * {@code Retry-After}, readiness reports DOWN (load balancers move the tills elsewhere), and the
 * exchanges this instance drives may finish for up to {@code ecrhub.shutdown.drain}. Whatever is
 * still in flight then is handed over: its lease is released, so another instance reconciles it at
 * once (query, never a second send; never FAILED). Reads, event streams and cancels are served
 * throughout. Then Quarkus's own graceful shutdown ({@code quarkus.shutdown.timeout}) runs.
 */
@ApplicationScoped
public class GracefulDrain {
  private static final Logger LOG = Logger.getLogger(GracefulDrain.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final DrainExchanges exchanges;
  private final Duration bound;

  @Inject
  public GracefulDrain(DrainExchanges exchanges, HubConfig config) {
    this.exchanges = exchanges;
    this.bound = config.shutdown().drain();
  }

  /** Whether the hub is draining: it takes no new payments or refunds and is not ready. */
  public boolean draining() {
    return exchanges.draining();
  }

  /** Pre-shutdown: the HTTP server still serves, so a till is told why and where to go. */
  void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event) {
    drain();
  }

  /**
   * Shutdown proper, runs first among the shutdown observers: a hub built without the pre-shutdown
   * phase still refuses new work and hands over what runs (without waiting: requests are no longer
   * served by now).
   */
  void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
    if (!exchanges.draining()) {
      exchanges.stopTaking();
    }
    exchanges.handOver();
  }

  /**
   * Stops taking new payments and refunds, waits up to the drain bound for those in flight, then
   * hands over the rest.
   *
   * @return how many were handed over
   */
  public int drain() {
    exchanges.stopTaking();
    Instant deadline = Instant.now().plus(bound);
    int inFlight = exchanges.inFlight();
    if (inFlight > 0) {
      LOG.infof(
          "draining: %d payment(s)/refund(s) in flight may finish within %s; new ones get 503"
              + " HUB_DRAINING",
          inFlight, bound);
    }
    try {
      while (exchanges.inFlight() > 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int handed = exchanges.handOver();
    LOG.infof(
        "drained: %d exchange(s) handed over to the other instances", Integer.valueOf(handed));
    return handed;
  }
}
