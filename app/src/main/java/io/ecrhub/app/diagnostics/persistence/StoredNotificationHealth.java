package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.app.diagnostics.NotifyPublicUrlConfig;
import io.ecrhub.app.notify.persistence.PanacheNotificationKeys;
import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.diagnostics.NotificationFacts;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adapter: notification facts for diagnostics, read (never written) through the stores that own the
 * tables: the stored notification keys and the payment look-ups (which join the notification
 * inbox). No SQL of its own.
 *
 * <ul>
 *   <li>a key is configured when {@code ecrhub.notify.keys} gives one or the admin API stored one;
 *   <li>the notification URL is {@code ecrhub.notify.public-url} (env {@code
 *       ECRHUB_NOTIFY_PUBLIC_URL}, the hub's public base URL) plus {@code /qfpay/notify};
 *   <li>the last verified notification is the newest one with a valid signature whose trade
 *       reference ({@code out_trade_no}, or {@code orig_out_trade_no} of a refund) or QFPay
 *       transaction ({@code syssn}, or {@code orig_syssn}) is one of this terminal's payments.
 * </ul>
 */
@ApplicationScoped
public class StoredNotificationHealth implements NotificationHealth {
  /** Inbox statuses of notifications whose signature was verified. */
  private static final List<String> VERIFIED =
      List.of("VERIFIED", "APPLIED", "PARKED", "REVIEW", "DUPLICATE", "IGNORED");

  private final PanacheNotificationKeys storedKeys;
  private final PaymentLookups payments;
  private final boolean configuredKeys;
  private final String notificationUrl;

  @Inject
  public StoredNotificationHealth(
      PanacheNotificationKeys storedKeys,
      PaymentLookups payments,
      @ConfigProperty(name = "ecrhub.notify.keys") Optional<List<String>> keys,
      NotifyPublicUrlConfig publicUrlConfig) {
    Optional<String> publicUrl = publicUrlConfig.publicUrl();
    this.storedKeys = storedKeys;
    this.payments = payments;
    this.configuredKeys = keys.map(k -> k.stream().anyMatch(s -> !s.isBlank())).orElse(false);
    this.notificationUrl =
        publicUrl
            .map(String::strip)
            .filter(u -> !u.isEmpty())
            .map(StoredNotificationHealth::notifyUrl)
            .orElse(null);
  }

  /** The URL QFPay should call, from the hub's public base URL (or the full URL as given). */
  static String notifyUrl(String publicUrl) {
    String base = publicUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base.endsWith(NotificationFacts.NOTIFY_PATH)
        ? base
        : base + NotificationFacts.NOTIFY_PATH;
  }

  @Override
  public Optional<NotificationFacts> forTerminal(TerminalId terminalId) {
    boolean key = configuredKeys || storedKeys.any();
    return Optional.of(
        new NotificationFacts(
            key,
            notificationUrl,
            payments.lastNotificationAt(terminalId, VERIFIED).orElse(null),
            payments.lastSucceededAt(terminalId).orElse(null)));
  }
}
