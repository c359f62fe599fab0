package io.ecrhub.app.persistence;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * What a {@code payment} and a {@code refund} row share: the terminal and the amount in minor
 * units. Each also embeds the lifecycle columns ({@link LifecycleColumns}) as its own {@code
 * lifecycle} field: Hibernate's enhancer fails on an {@code @Embedded} field of a mapped superclass
 * ({@code InlineDirtyCheckingHandler}, tried again 2026-12-07), so the field cannot live here.
 */
@MappedSuperclass
abstract class TransactionRow extends VersionedRow {
  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "amount_minor")
  long amountMinor;

  @Column(name = "currency")
  String currency;

  /** Writes the terminal and the amount. */
  void copy(TerminalId terminal, Money amount) {
    terminalId = terminal.value();
    amountMinor = amount.minorUnits();
    currency = amount.currency().getCurrencyCode();
  }

  /** {@code minor} units in this row's currency. */
  Money money(long minor) {
    return Money.ofMinor(minor, currency);
  }
}
