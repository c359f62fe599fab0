package io.ecrhub.app.persistence;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.LifecycleSnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * What a {@code payment} and a {@code refund} row share: the terminal, the amount in minor units,
 * and the lifecycle columns ({@link LifecycleColumns}).
 */
@MappedSuperclass
abstract class TransactionRow extends VersionedRow {
  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "amount_minor")
  long amountMinor;

  @Column(name = "currency")
  String currency;

  /**
   * The lifecycle columns. Each entity declares the {@code @Embedded} field itself: Hibernate's
   * enhancer does not enhance an embedded field of a mapped superclass.
   */
  abstract LifecycleColumns lifecycle();

  /** Writes what every transaction has. */
  void copy(TerminalId terminal, Money amount, LifecycleSnapshot life) {
    terminalId = terminal.value();
    amountMinor = amount.minorUnits();
    currency = amount.currency().getCurrencyCode();
    lifecycle().copy(life);
  }

  /** {@code minor} units in this row's currency. */
  Money money(long minor) {
    return Money.ofMinor(minor, currency);
  }

  LifecycleSnapshot lifecycleSnapshot() {
    return lifecycle().toSnapshot(version);
  }
}
