package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.AddressHistory;

class InMemoryAddressHistoryTest extends AddressHistoryContract {
  @Override
  protected AddressHistory create() {
    return new InMemoryAddressHistory();
  }
}
