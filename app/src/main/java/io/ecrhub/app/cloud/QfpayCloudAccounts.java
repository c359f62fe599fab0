package io.ecrhub.app.cloud;

import io.ecrhub.app.metrics.MeteredCloudCalls;
import io.ecrhub.cloud.CloudAccount;
import io.ecrhub.cloud.CloudEnvironment;
import io.ecrhub.cloud.QfpayCloud;
import io.ecrhub.cloud.SignType;
import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.EcrCloud;
import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The QFPay cloud account that serves each store (ADR 0028): the store's own account ({@link
 * StoreCloudAccounts}, managed over {@code /api/v1/cloud-accounts}) when it has one, else the
 * default account from {@link QfpayCloudConfig}, else none. A store whose own account's key does
 * not open is served by none (never by the default account: that is another merchant's).
 *
 * <p>Opened clients are cached per store together with the stamp (id and version) of the row they
 * were opened from; every look-up reads the stamp (one indexed query) and opens the account again
 * when it changed or was removed, on this instance or another. A replaced client is closed in the
 * background once its requests are done. A half or wrong default configuration stops the hub at
 * start-up with the reason.
 */
@Singleton
public class QfpayCloudAccounts implements CloudLedgers {
  private static final Logger LOG = Logger.getLogger(QfpayCloudAccounts.class);

  /** How long a replaced client stays open for calls that took it before the change. */
  static final Duration RETIRE_AFTER = Duration.ofMinutes(5);

  private final Optional<QfpayCloud> defaultAccount;
  private final MeteredCloudCalls metrics;
  private final StoreCloudAccounts stores;
  private final Terminals terminals;
  private final Clock clock;
  private final List<Path> extraCaFiles;
  private final CloudAccount.Limits limits;
  private final ConcurrentHashMap<String, Opened> byStore = new ConcurrentHashMap<>();

  /** A store's account as opened: the row's stamp and its client (empty: the key did not open). */
  private record Opened(StoreCloudAccounts.Stamp stamp, Optional<QfpayCloud> cloud) {}

  @Inject
  QfpayCloudAccounts(
      QfpayCloudConfig c,
      Clock clock,
      StoreCloudAccounts stores,
      Terminals terminals,
      MeteredCloudCalls metrics) {
    this.metrics = metrics;
    this.stores = stores;
    this.terminals = terminals;
    this.clock = clock;
    this.extraCaFiles = c.extraCaFiles().orElse(List.of());
    this.limits = limits(c);
    this.defaultAccount =
        account(
                c.url(),
                c.environment(),
                c.appCode(),
                c.clientKey(),
                c.mchid(),
                extraCaFiles,
                c.signType(),
                limits)
            .map(a -> QfpayCloud.open(a, clock, metrics));
    defaultAccount.ifPresentOrElse(
        cloud ->
            LOG.infof(
                "QFPay cloud account %s (app code %s)",
                cloud.account().baseUrl(), cloud.account().appCode()),
        () -> LOG.debug("no QFPay cloud account configured"));
  }

  /**
   * The default account, or empty when neither app code nor client key is set.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  static Optional<CloudAccount> account(
      Optional<String> url,
      Optional<String> environment,
      Optional<String> appCode,
      Optional<String> clientKey,
      Optional<String> mchid,
      List<Path> extraCaFiles,
      String signType,
      CloudAccount.Limits limits) {
    if (appCode.isEmpty() && clientKey.isEmpty()) {
      if (url.isPresent() || environment.isPresent() || mchid.isPresent()) {
        throw new IllegalArgumentException(
            "ecrhub.qfpay.cloud: url/environment/mchid set without app-code and client-key");
      }
      return Optional.empty();
    }
    if (appCode.isEmpty() || clientKey.isEmpty()) {
      throw new IllegalArgumentException(
          "ecrhub.qfpay.cloud.app-code and ecrhub.qfpay.cloud.client-key are required together");
    }
    ClientKey key;
    try {
      key = ClientKey.of(clientKey.get());
    } catch (ValidationException e) {
      throw new IllegalArgumentException("ecrhub.qfpay.cloud.client-key: " + e.getMessage(), e);
    }
    return Optional.of(
        new CloudAccount(
            CloudEnvironment.resolve(url.orElse(null), environment.orElse(null)),
            appCode.get(),
            key,
            mchid.orElse(null),
            SignType.parse(signType),
            extraCaFiles,
            limits));
  }

  private static CloudAccount.Limits limits(QfpayCloudConfig c) {
    return new CloudAccount.Limits(
        c.connectTimeout(),
        c.requestTimeout(),
        c.queryAttempts(),
        c.backoffBase(),
        c.backoffMax(),
        c.rateLimitPatience(),
        c.perSecond(),
        c.perMinute());
  }

  /** Builds the account at start-up, so a wrong configuration stops the hub at once. */
  void onStart(@Observes StartupEvent event) {
    // constructing this bean is the check
  }

  /**
   * The client of the account serving {@code storeId} (null: a terminal of no store): the store's
   * own, else the default, else none.
   */
  public Optional<QfpayCloud> cloudOf(String storeId) {
    if (storeId == null) {
      return defaultAccount;
    }
    Optional<StoreCloudAccounts.Stamp> stamp = stores.stampOf(storeId);
    if (stamp.isEmpty()) {
      retire(byStore.remove(storeId));
      return defaultAccount;
    }
    Opened cached = byStore.get(storeId);
    if (cached != null && cached.stamp().equals(stamp.get())) {
      return cached.cloud();
    }
    // one opening per store at a time; the row is read again inside, so the newest version wins
    Opened now =
        byStore.compute(
            storeId,
            (store, current) -> {
              Optional<StoreCloudAccount> account = stores.findByStore(store);
              if (account.isEmpty()) {
                retire(current);
                return null;
              }
              StoreCloudAccount a = account.get();
              if (current != null
                  && current.stamp().equals(new StoreCloudAccounts.Stamp(a.id(), a.version()))) {
                return current;
              }
              retire(current);
              return open(a);
            });
    return now == null ? defaultAccount : now.cloud();
  }

  private Opened open(StoreCloudAccount a) {
    StoreCloudAccounts.Stamp stamp = new StoreCloudAccounts.Stamp(a.id(), a.version());
    if (!a.usable()) {
      LOG.warnf(
          "QFPay cloud account %s of store %s serves nothing: %s",
          a.id(), a.storeId(), a.unreadable());
      return new Opened(stamp, Optional.empty());
    }
    try {
      CloudAccount account = cloudAccount(a, extraCaFiles, limits);
      LOG.infof(
          "QFPay cloud account %s of store %s opened (%s, app code %s, version %d)",
          a.id(), a.storeId(), account.baseUrl(), a.appCode(), a.version());
      return new Opened(stamp, Optional.of(QfpayCloud.open(account, clock, metrics)));
    } catch (RuntimeException e) {
      LOG.warnf(
          "QFPay cloud account %s of store %s could not be opened: %s",
          a.id(), a.storeId(), e.getMessage());
      return new Opened(stamp, Optional.empty());
    }
  }

  /** The adapter's account for a stored one (its key must have opened). */
  static CloudAccount cloudAccount(
      StoreCloudAccount a, List<Path> extraCaFiles, CloudAccount.Limits limits) {
    return new CloudAccount(
        CloudEnvironment.resolve(a.url(), a.environment()),
        a.appCode(),
        a.clientKey(),
        a.mchid(),
        SignType.parse(a.signType().name()),
        extraCaFiles,
        limits);
  }

  /**
   * Closes a client no store uses any more, in the background and only after {@link #RETIRE_AFTER}:
   * a call that took it just before the change still completes with it.
   */
  private static void retire(Opened old) {
    if (old != null) {
      old.cloud()
          .ifPresent(
              c ->
                  Thread.ofVirtual()
                      .name("qfpay-cloud-retire")
                      .start(
                          () -> {
                            try {
                              Thread.sleep(RETIRE_AFTER);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            c.close();
                          }));
    }
  }

  /** The account serving the store of {@code terminal} (the default one when it has no store). */
  public Optional<QfpayCloud> cloudOfTerminal(TerminalId terminal) {
    return cloudOf(terminals.findById(terminal).flatMap(Terminal::storeId).orElse(null));
  }

  @Override
  public Optional<CloudLedger> forStore(String storeId) {
    return cloudOf(storeId).map(QfpayCloud::ledger);
  }

  @Override
  public boolean any() {
    return defaultAccount.isPresent() || stores.any();
  }

  /** Whether an account serves {@code storeId} (null: a terminal of no store). */
  public boolean serves(String storeId) {
    return cloudOf(storeId).isPresent();
  }

  /** Whether the default account from configuration is set. */
  public boolean defaultConfigured() {
    return defaultAccount.isPresent();
  }

  /** Query and refund through the default account, when one is configured. */
  public Optional<CloudLedger> ledger() {
    return defaultAccount.map(QfpayCloud::ledger);
  }

  /** The daily statement of the default account, when one is configured. */
  public Optional<CloudStatements> statements() {
    return defaultAccount.map(QfpayCloud::statements);
  }

  /** Terminals through the ECR cloud of the default account, when one is configured. */
  public Optional<EcrCloud> ecr() {
    return defaultAccount.map(QfpayCloud::ecr);
  }

  @PreDestroy
  void close() {
    defaultAccount.ifPresent(QfpayCloud::close);
    byStore.values().forEach(o -> o.cloud().ifPresent(QfpayCloud::close));
    byStore.clear();
  }
}
