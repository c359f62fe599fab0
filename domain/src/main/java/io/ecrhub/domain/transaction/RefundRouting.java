package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalStatus;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

/**
 * Which way a refund goes (ADR 0021), decided before anything is sent. {@code terminal} and {@code
 * cloud} are taken as asked (the terminal's rules and errors as ever; the cloud only with an
 * account). {@code auto} ranks the terminal first: it is used when its last known status says it
 * answers (NEW or ONLINE) and its own rules allow the refund (card schemes: same Hong Kong day
 * before the cut-off, full amount); otherwise QFPay's cloud, when an account is configured; with no
 * account, auto is the terminal route as it has always been.
 */
final class RefundRouting {
  private RefundRouting() {}

  /** The route and why it was chosen (for the refund's creation event). */
  record Decision(RefundRoute route, String why) {}

  /**
   * @param amount the amount the rules for every route allowed ({@link
   *     RefundPolicy#decideAnyRoute})
   * @param terminal the payment's terminal, empty when it is no longer registered
   * @param cloudConfigured whether a QFPay cloud account is configured
   */
  static Decision choose(
      RefundRoute.Choice choice,
      Payment payment,
      Money amount,
      Optional<Terminal> terminal,
      boolean cloudConfigured,
      Instant now,
      LocalTime cardCutoff) {
    Optional<DomainException> terminalRule =
        RefundPolicy.terminalRefusal(payment, amount, now, cardCutoff);
    return switch (choice) {
      case TERMINAL -> {
        terminalRule.ifPresent(
            e -> {
              throw e;
            });
        yield new Decision(RefundRoute.TERMINAL, "route terminal asked for");
      }
      case CLOUD -> {
        requireCloud(cloudConfigured);
        yield new Decision(RefundRoute.CLOUD, "route cloud asked for");
      }
      case AUTO -> {
        Optional<String> terminalCannot =
            terminalRule.map(DomainException::getMessage).or(() -> unusable(terminal));
        if (terminalCannot.isEmpty()) {
          yield new Decision(RefundRoute.TERMINAL, "auto: the terminal can do it");
        }
        if (cloudConfigured) {
          yield new Decision(RefundRoute.CLOUD, "auto: " + terminalCannot.get());
        }
        terminalRule.ifPresent(
            e -> {
              throw e;
            });
        yield new Decision(RefundRoute.TERMINAL, "auto: no cloud account; " + terminalCannot.get());
      }
    };
  }

  /** Why the terminal cannot take a refund now, or empty when it can as far as the hub knows. */
  static Optional<String> unusable(Optional<Terminal> terminal) {
    if (terminal.isEmpty()) {
      return Optional.of("the payment's terminal is no longer registered");
    }
    Terminal t = terminal.get();
    if (t.isDisabled()) {
      return Optional.of("terminal " + t.id() + " is disabled");
    }
    if (t.status() != TerminalStatus.ONLINE && t.status() != TerminalStatus.NEW) {
      return Optional.of("terminal " + t.id() + " was last seen " + t.status());
    }
    return Optional.empty();
  }

  static void requireCloud(boolean cloudConfigured) {
    if (!cloudConfigured) {
      throw new DomainException(
          "CLOUD_NOT_CONFIGURED",
          "route",
          "no QFPay cloud account is configured (ecrhub.qfpay.cloud.*); refund through the"
              + " terminal");
    }
  }
}
