package io.ecrhub.cloud;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.EcrCloud;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * One QFPay merchant account's cloud connection: its HTTP client, its trust and its rate limit,
 * shared by the {@link #ledger()} and the {@link #ecr()} sides. Open one per account; close it when
 * the account goes away.
 */
public final class QfpayCloud implements AutoCloseable {
  private final HttpClient http;
  private final QfpayCloudLedger ledger;
  private final QfpayEcrCloud ecr;
  private final CloudAccount account;

  private QfpayCloud(CloudAccount account, HttpClient http, OpenApiTransport t, Clock clock) {
    this.account = account;
    this.http = http;
    this.ledger = new QfpayCloudLedger(t, clock);
    this.ecr = new QfpayEcrCloud(t, clock);
  }

  /** Connects nothing yet: requests open connections as they go. */
  public static QfpayCloud open(CloudAccount account, Clock clock) {
    return open(account, clock, CloudCallObserver.NONE);
  }

  /** As {@link #open(CloudAccount, Clock)}, telling {@code observer} about every call. */
  public static QfpayCloud open(CloudAccount account, Clock clock, CloudCallObserver observer) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(account.limits().connectTimeout())
            .sslContext(TrustStores.sslContext(account.extraCaFiles()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    OpenApiTransport t =
        new OpenApiTransport(
            account,
            http,
            new RateLimiter(
                account.limits().perSecond(), account.limits().perMinute(), System::nanoTime),
            new SecureRandom(),
            nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
            System::nanoTime,
            Objects.requireNonNull(observer));
    return new QfpayCloud(account, http, t, clock);
  }

  /** Query and refund through the Open API. */
  public CloudLedger ledger() {
    return ledger;
  }

  /** The day's statement: transactions by time window, paged (the same Open API query). */
  public CloudStatements statements() {
    return ledger;
  }

  /** Terminals reached through the ECR cloud. */
  public EcrCloud ecr() {
    return ecr;
  }

  public CloudAccount account() {
    return account;
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "QfpayCloud[" + account + "]";
  }
}
