package io.ecrhub.app.settlement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The daily statement ({@code ecrhub.reports.settlement.*}, ADR 0023): the hub's ledger against
 * QFPay's cloud for one business day. Needs a QFPay cloud account ({@code ecrhub.qfpay.cloud.*}).
 */
@ConfigMapping(prefix = "ecrhub.reports.settlement")
public interface SettlementConfig {
  /**
   * When the nightly run starts (Quarkus cron, seconds first, in {@code zone}); it reports the
   * business day before. {@code off} disables it. It never runs without a cloud account.
   */
  @WithDefault("0 30 1 * * ?")
  String cron();

  /** The business day's time zone. */
  @WithDefault("Asia/Hong_Kong")
  String zone();

  /** The currency of QFPay records that name none. */
  @WithDefault("HKD")
  String currency();

  /** How far around the day both ledgers are read, so records either side of midnight pair. */
  @WithDefault("10m")
  Duration margin();

  /** QFPay's {@code page_size} (1-100). */
  @WithDefault("100")
  int pageSize();

  /** The most cloud pages one statement reads; a larger day is refused, never cut short. */
  @WithDefault("500")
  int maxPages();

  /** The most hub transactions one statement reads; a larger day is refused. */
  @WithDefault("50000")
  int maxTransactions();
}
