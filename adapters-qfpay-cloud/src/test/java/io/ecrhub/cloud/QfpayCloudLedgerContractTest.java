package io.ecrhub.cloud;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.testing.CloudLedgerContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The domain's {@link CloudLedgerContract} against the adapter and the simulator's stand-in. */
class QfpayCloudLedgerContractTest extends CloudLedgerContract {
  private final CloudFixture fixture = new CloudFixture() {};

  @BeforeEach
  void up() {
    fixture.start();
  }

  @AfterEach
  void down() {
    fixture.assertAllSignedExactly();
    fixture.stop();
  }

  @Override
  protected CloudLedger ledger() {
    return fixture.cloud.ledger();
  }

  /** A wallet payment taken on the simulated terminal over the LAN protocol. */
  @Override
  protected String paid(Money amount, String outTradeNo) throws Exception {
    return fixture.payOnTerminal(amount.toPlainString(), "wx", outTradeNo).syssn();
  }
}
