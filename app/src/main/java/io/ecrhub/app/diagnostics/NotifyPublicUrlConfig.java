package io.ecrhub.app.diagnostics;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The hub's public address for QFPay notifications ({@code ecrhub.notify.public-url}, env {@code
 * ECRHUB_NOTIFY_PUBLIC_URL}). It shares the {@code ecrhub.notify} prefix with the notification
 * intake's own settings ({@code NotifyConfig}); diagnostics quote it in the notification check.
 */
@ConfigMapping(prefix = "ecrhub.notify")
public interface NotifyPublicUrlConfig {
  /**
   * The hub's public base URL as QFPay reaches it, e.g. {@code https://hub.example.com}; QFPay is
   * given {@code <public-url>/qfpay/notify}. Unset: the diagnostics report it as unknown.
   */
  Optional<String> publicUrl();
}
