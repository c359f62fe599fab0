package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Currencies;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Timeouts of the transaction use cases.
 *
 * @param paymentTimeout sent as {@code payment_timeout}: how long the terminal waits for the card
 *     or the customer (QFPay default 120 s; PayMe is capped at 120 s)
 * @param connectTimeout connect and TLS handshake budget per request
 * @param responseMargin added to the payment timeout for the answer to a trade or refund, and again
 *     to the {@link #exchangeBound()} after which the terminal cannot be working on a request
 * @param queryTimeout answer budget for short requests (query, cancel request)
 * @param reconcileBatchSize how many payments (and, separately, refunds) one reconciliation pass
 *     looks at
 * @param cardRefundCutoff Hong Kong time of day from which same-day card refunds are refused
 *     ({@link RefundPolicy#CARD_CUTOFF} by default), or null for none besides the calendar day
 * @param currencies the currencies a terminal's merchant takes when the terminal has no list of its
 *     own (HKD by default)
 * @param leaseTtl how long a terminal lease lives unless its holder renews it ({@link
 *     #DEFAULT_LEASE_TTL} by default): the holder renews it every {@link #leaseRenewEvery()} while
 *     the exchange runs, so an instance that dies frees its terminals within this time (ADR 0019)
 */
public record TransactionSettings(
    Duration paymentTimeout,
    Duration connectTimeout,
    Duration responseMargin,
    Duration queryTimeout,
    int reconcileBatchSize,
    LocalTime cardRefundCutoff,
    Currencies currencies,
    Duration leaseTtl) {

  private static final Duration PAYME_MAX = Duration.ofSeconds(120);

  /** The default {@link #leaseTtl()}: 15 s. */
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);

  /** The shortest {@link #leaseTtl()} (renewals every second). */
  public static final Duration MIN_LEASE_TTL = Duration.ofSeconds(3);

  public TransactionSettings {
    positive(paymentTimeout, "paymentTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(responseMargin, "responseMargin");
    positive(queryTimeout, "queryTimeout");
    if (reconcileBatchSize < 1) {
      throw new IllegalArgumentException("reconcileBatchSize must be at least 1");
    }
    Objects.requireNonNull(currencies, "currencies");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (leaseTtl.compareTo(MIN_LEASE_TTL) < 0) {
      throw new IllegalArgumentException("leaseTtl must be at least " + MIN_LEASE_TTL);
    }
  }

  /** With the hub-wide default currency list HKD and the default lease time to live. */
  public TransactionSettings(
      Duration paymentTimeout,
      Duration connectTimeout,
      Duration responseMargin,
      Duration queryTimeout,
      int reconcileBatchSize,
      LocalTime cardRefundCutoff) {
    this(
        paymentTimeout,
        connectTimeout,
        responseMargin,
        queryTimeout,
        reconcileBatchSize,
        cardRefundCutoff,
        Currencies.HKD,
        DEFAULT_LEASE_TTL);
  }

  /** The same settings with another hub-wide default list of accepted currencies. */
  public TransactionSettings withCurrencies(Currencies hubDefault) {
    return new TransactionSettings(
        paymentTimeout,
        connectTimeout,
        responseMargin,
        queryTimeout,
        reconcileBatchSize,
        cardRefundCutoff,
        hubDefault,
        leaseTtl);
  }

  /** The same settings with another lease time to live. */
  public TransactionSettings withLeaseTtl(Duration ttl) {
    return new TransactionSettings(
        paymentTimeout,
        connectTimeout,
        responseMargin,
        queryTimeout,
        reconcileBatchSize,
        cardRefundCutoff,
        currencies,
        ttl);
  }

  /** Settings with the standard card refund cut-off ({@link RefundPolicy#CARD_CUTOFF}). */
  public TransactionSettings(
      Duration paymentTimeout,
      Duration connectTimeout,
      Duration responseMargin,
      Duration queryTimeout,
      int reconcileBatchSize) {
    this(
        paymentTimeout,
        connectTimeout,
        responseMargin,
        queryTimeout,
        reconcileBatchSize,
        RefundPolicy.CARD_CUTOFF);
  }

  /** 120 s payment timeout, 5 s connect, 30 s margin, 15 s for queries, batches of 50. */
  public static TransactionSettings defaults() {
    return new TransactionSettings(
        Duration.ofSeconds(120),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        50);
  }

  /** The payment timeout to send for {@code channel} (PayMe allows at most 120 s). */
  public Duration paymentTimeoutFor(Channel channel) {
    return channel == Channel.PAYME && paymentTimeout.compareTo(PAYME_MAX) > 0
        ? PAYME_MAX
        : paymentTimeout;
  }

  /** Read timeout for a trade or refund: the payment timeout plus the margin. */
  public Duration businessReadTimeout() {
    return paymentTimeout.plus(responseMargin);
  }

  /**
   * The longest a trade or refund can keep its terminal busy: connect, the business read timeout
   * and the margin again. After {@code sentAt} plus this, the terminal is no longer working on the
   * request (and its holder stops renewing the lease).
   */
  public Duration exchangeBound() {
    return connectTimeout.plus(businessReadTimeout()).plus(responseMargin);
  }

  /**
   * How often the holder renews its leases: a third of {@link #leaseTtl()}, so two renewals in a
   * row may fail (a slow database) before the lease runs out.
   */
  public Duration leaseRenewEvery() {
    return leaseTtl.dividedBy(3);
  }

  /** How long a use case waits for a short request (query, cancel request) before giving up. */
  public Duration shortRequestWait() {
    return connectTimeout.plus(queryTimeout).plusSeconds(5);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
