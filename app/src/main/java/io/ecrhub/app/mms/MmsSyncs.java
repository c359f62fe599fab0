package io.ecrhub.app.mms;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.HeldSync;
import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.merchant.MerchantConfigSource;
import io.ecrhub.domain.merchant.MerchantConfigSyncs;
import io.ecrhub.domain.merchant.MerchantConfigSyncs.Coverage;
import io.ecrhub.domain.merchant.MerchantConfigSyncs.Review;
import io.ecrhub.domain.merchant.MmsDeviceSettings;
import io.ecrhub.domain.merchant.SyncPolicy;
import io.ecrhub.domain.merchant.SyncReport;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.mms.CsvMerchantConfigSource;
import io.ecrhub.mms.HttpMerchantConfigSource;
import io.ecrhub.mms.HttpSourceConfig;
import io.ecrhub.mms.ImportOptions;
import io.ecrhub.mms.JsonMerchantConfigSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The MMS sync as the hub runs it: sources built from uploads, the configured file and the
 * configured pull API (one instance, so its circuit breaker lives across runs), each handed to the
 * domain's use case ({@link MerchantConfigSyncs}) with the configured policy.
 */
@ApplicationScoped
public class MmsSyncs {
  private final MmsConfig config;
  private final ImportOptions options;
  private final HttpMerchantConfigSource pull;
  private final MerchantConfigSyncs syncs;
  private final MeterRegistry registry;

  @Inject
  public MmsSyncs(
      Terminals terminals,
      HeldSyncs held,
      MmsDeviceSettings settings,
      ConfigAudit audit,
      UnitOfWork uow,
      Clock clock,
      IdGenerator ids,
      MmsConfig config,
      HubConfig hub,
      AddressHistory addresses,
      TerminalHealth health,
      MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    for (String source : List.of("upload", "file", "pull")) {
      for (String result : List.of("completed", "held", "failed")) {
        syncCounter(source, result); // registered at once: dashboards see zeros, not no series
      }
    }
    this.options =
        hub.terminal().allowPublishedDefaultKey()
            ? ImportOptions.defaults().allowingPublishedDefaultKey()
            : ImportOptions.defaults();
    this.pull = config.pull().url().map(u -> pullSource(u, config.pull(), clock)).orElse(null);
    SyncPolicy policy =
        config.autoApply() ? SyncPolicy.automatic(config.alwaysReview()) : SyncPolicy.review();
    this.syncs =
        new MerchantConfigSyncs(
            terminals, held, settings, audit, uow, clock, ids, health, addresses, policy);
  }

  /**
   * Builds this bean at start-up, so a pull URL that may not be pulled (plain http to a host other
   * than loopback, say) stops the hub with the reason instead of failing at the first pull.
   */
  void checkAtStart(@Observes StartupEvent ev) {
    // the constructor validated ecrhub.mms.pull.*; nothing else to do
  }

  /**
   * Syncs an uploaded POS Key List ({@code csv} or {@code json}); {@code review} holds every change
   * for review whatever the configured policy.
   */
  public SyncReport upload(
      String format, String label, byte[] body, boolean partial, boolean review, String actor) {
    MerchantConfigSource src =
        "json".equals(format)
            ? JsonMerchantConfigSource.upload(label, body, options)
            : CsvMerchantConfigSource.upload(label, body, options);
    return counted(
        "upload",
        () ->
            syncs.sync(
                new MerchantConfigSyncs.Run(
                    src,
                    partial ? Coverage.PARTIAL : Coverage.FULL,
                    review ? Review.ALL : Review.AS_CONFIGURED,
                    actor)));
  }

  /** Syncs the configured file. */
  public SyncReport file(String actor) {
    Path file =
        config
            .importFile()
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "MMS_SOURCE_NOT_CONFIGURED",
                        "set ecrhub.mms.import-file to a POS Key List"));
    MerchantConfigSource src =
        file.toString().toLowerCase(Locale.ROOT).endsWith(".json")
            ? JsonMerchantConfigSource.file(file, options)
            : CsvMerchantConfigSource.file(file, options);
    return counted(
        "file",
        () ->
            syncs.sync(
                new MerchantConfigSyncs.Run(src, Coverage.FULL, Review.AS_CONFIGURED, actor)));
  }

  /** Pulls the configured API now. */
  public SyncReport pull(String actor) {
    HttpMerchantConfigSource source = pullSource();
    Coverage coverage = config.pull().partial() ? Coverage.PARTIAL : Coverage.FULL;
    return counted(
        "pull",
        () ->
            syncs.sync(new MerchantConfigSyncs.Run(source, coverage, Review.AS_CONFIGURED, actor)));
  }

  public boolean pullConfigured() {
    return pull != null;
  }

  public Optional<HttpMerchantConfigSource.Health> pullHealth() {
    return Optional.ofNullable(pull).map(HttpMerchantConfigSource::health);
  }

  public SyncReport approve(String id, String actor) {
    return syncs.approve(id, actor);
  }

  public SyncReport reject(String id, String actor) {
    return syncs.reject(id, actor);
  }

  public List<HeldSync> pending() {
    return syncs.pending();
  }

  /**
   * Counts one sync in {@code ecrhub_mms_syncs_total{source, result}}: {@code failed} when the
   * source could not be read (the sync threw), {@code held} when it held changes for review, {@code
   * completed} otherwise (applied, or nothing to change; per-device failures are in the report).
   */
  private SyncReport counted(String source, Supplier<SyncReport> sync) {
    SyncReport report;
    try {
      report = sync.get();
    } catch (RuntimeException e) {
      syncCounter(source, "failed").increment();
      throw e;
    }
    syncCounter(source, report.count(SyncReport.Result.HELD) > 0 ? "held" : "completed")
        .increment();
    return report;
  }

  private Counter syncCounter(String source, String result) {
    return Counter.builder("ecrhub.mms.syncs")
        .description("MMS syncs by source (upload, file, pull) and result")
        .tag("source", source)
        .tag("result", result)
        .register(registry);
  }

  private HttpMerchantConfigSource pullSource() {
    if (pull == null) {
      throw new NotFoundException(
          "MMS_SOURCE_NOT_CONFIGURED", "set ecrhub.mms.pull.url to pull a device list");
    }
    return pull;
  }

  private HttpMerchantConfigSource pullSource(java.net.URI url, MmsConfig.Pull p, Clock clock) {
    try {
      return new HttpMerchantConfigSource(
          new HttpSourceConfig(
              url,
              p.authHeaderName().orElse(null),
              p.authHeaderValue().orElse(null),
              p.itemsPointer().orElse(null),
              p.fieldMapping(),
              p.timeout(),
              p.maxAttempts(),
              p.initialBackoff(),
              p.maxBackoff(),
              p.failureThreshold(),
              p.openDuration(),
              options),
          clock,
          HttpMerchantConfigSource.threadSleeper());
    } catch (IllegalArgumentException e) {
      throw ConfigSourceException.invalid("ecrhub.mms.pull: " + e.getMessage());
    }
  }
}
