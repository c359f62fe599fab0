package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.TerminalLeases;

class InMemoryTerminalLeasesTest extends TerminalLeasesContract {
  @Override
  protected TerminalLeases create() {
    return new InMemoryTerminalLeases();
  }
}
