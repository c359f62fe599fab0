package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payments;
import java.time.Instant;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The query parameters of the payments list and its CSV export, checked into one {@link
 * PaymentDirectory.Criteria}: a bad value is a 400 naming the parameter, never a 500.
 */
final class PaymentFilters {
  private static final Pattern STORE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private PaymentFilters() {}

  /** The filters, checked; a terminal filter must be in the caller's scope (403 otherwise). */
  static PaymentDirectory.Criteria checked(
      CallerContext caller,
      PaymentQueries queries,
      HubConfig config,
      String terminalId,
      String storeId,
      String status,
      String from,
      String to,
      String currency,
      String minAmount,
      String maxAmount) {
    TerminalId terminal = null;
    if (terminalId != null && !terminalId.isBlank()) {
      terminal = TerminalId.of(terminalId.trim());
      caller.requireCovered(queries.covers(caller.caller().scope(), terminal), "filter");
    }
    return of(
        terminal,
        storeId,
        status,
        from,
        to,
        currency,
        minAmount,
        maxAmount,
        Currencies.of(config.terminal().currencies()).list().getFirst());
  }

  /**
   * @param terminal the terminal filter, already checked against the caller's scope (or null)
   * @param defaultCurrency the currency of an amount range when {@code currency} is not given
   */
  static PaymentDirectory.Criteria of(
      TerminalId terminal,
      String storeId,
      String status,
      String from,
      String to,
      String currency,
      String minAmount,
      String maxAmount,
      String defaultCurrency) {
    Instant since = Inputs.instant(from, "from");
    Instant until = Inputs.instant(to, "to");
    if (since != null && until != null && !since.isBefore(until)) {
      throw new ValidationException("INVALID_RANGE", "to", "to must be later than from");
    }
    String store = blankToNull(storeId);
    if (store != null && !STORE.matcher(store).matches()) {
      throw new ValidationException(
          "INVALID_STORE_ID", "storeId", "storeId is 1-64 of letters, digits, _ . -");
    }
    String code = blankToNull(currency);
    if (code != null) {
      Currency c = Money.currency(code);
      code = c.getCurrencyCode();
    }
    String minText = blankToNull(minAmount);
    String maxText = blankToNull(maxAmount);
    Long min = null;
    Long max = null;
    if (minText != null || maxText != null) {
      if (code == null) {
        code = defaultCurrency;
      }
      min = minor(minText, code, "minAmount");
      max = minor(maxText, code, "maxAmount");
      if (min != null && max != null && min > max) {
        throw new ValidationException(
            "INVALID_RANGE", "maxAmount", "maxAmount must not be below minAmount");
      }
    }
    return new PaymentDirectory.Criteria(
        new Payments.Filter(terminal, Inputs.status(status), since, until), store, code, min, max);
  }

  /** An amount bound in minor units of {@code currency}: a plain, non-negative decimal. */
  private static Long minor(String text, String currency, String field) {
    if (text == null) {
      return null;
    }
    Money m;
    try {
      m = Money.of(text, currency);
    } catch (ValidationException e) {
      throw new ValidationException(
          "INVALID_AMOUNT",
          field,
          field
              + " must be a plain decimal with at most the decimals of "
              + currency
              + ", such as 10.50");
    }
    if (m.isNegative()) {
      throw new ValidationException("INVALID_AMOUNT", field, field + " must not be negative");
    }
    return m.minorUnits();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
