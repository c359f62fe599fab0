package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.Terminals;

class InMemoryTerminalsTest extends TerminalsContract {
  @Override
  protected Terminals create() {
    return new InMemoryTerminals();
  }
}
