package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.testing.TerminalsContract;

/** The rollback-capable fake of the merchant tests obeys the {@link Terminals} contract. */
class MerchantFakesTerminalsTest extends TerminalsContract {
  @Override
  protected Terminals create() {
    return new MerchantFakes.InMemoryTerminals();
  }
}
