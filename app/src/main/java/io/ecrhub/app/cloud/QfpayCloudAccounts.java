package io.ecrhub.app.cloud;

import io.ecrhub.app.metrics.MeteredCloudCalls;
import io.ecrhub.cloud.CloudAccount;
import io.ecrhub.cloud.CloudEnvironment;
import io.ecrhub.cloud.QfpayCloud;
import io.ecrhub.cloud.SignType;
import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.EcrCloud;
import io.ecrhub.domain.shared.ValidationException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The QFPay cloud ports of the default account from {@link QfpayCloudConfig}: empty when no account
 * is configured; a half or wrong configuration stops the hub at start-up with the reason.
 */
@Singleton
public class QfpayCloudAccounts {
  private static final Logger LOG = Logger.getLogger(QfpayCloudAccounts.class);

  private final Optional<QfpayCloud> defaultAccount;

  @Inject
  QfpayCloudAccounts(QfpayCloudConfig c, Clock clock, MeteredCloudCalls metrics) {
    this.defaultAccount =
        account(
                c.url(),
                c.environment(),
                c.appCode(),
                c.clientKey(),
                c.mchid(),
                c.extraCaFiles().orElse(List.of()),
                c.signType(),
                new CloudAccount.Limits(
                    c.connectTimeout(),
                    c.requestTimeout(),
                    c.queryAttempts(),
                    c.backoffBase(),
                    c.backoffMax(),
                    c.rateLimitPatience(),
                    c.perSecond(),
                    c.perMinute()))
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

  /** Builds the account at start-up, so a wrong configuration stops the hub at once. */
  void onStart(@Observes StartupEvent event) {
    // constructing this bean is the check
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
  }
}
