package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.cloud.ClientKey;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits, timeouts, refused connections, signatures and trust, over real sockets. */
class QfpayCloudResilienceTest extends CloudFixture {
  private static final Money TEN_FIFTY = Money.of("10.50", "HKD");

  @Test
  void aStormOf429sIsSurvivedByBackingOff() throws Exception {
    start();
    payOnTerminal("10.50", "wx", "storm-1");
    standIn.throttleNext(6);

    CloudOutcome o = cloud.ledger().query(CloudQuery.byOutTradeNo("storm-1", TEN_FIFTY));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    List<Integer> statuses =
        standIn.requests(QfpayCloudLedger.QUERY).stream()
            .map(QfpayCloudStandIn.Request::status)
            .toList();
    assertThat(statuses).containsExactly(429, 429, 429, 429, 429, 429, 200);
    assertAllSignedExactly();
  }

  @Test
  void aStormLongerThanThePatienceGivesUpAsNotSent() throws Exception {
    start(FAST.withRateLimitPatience(Duration.ofMillis(300)));
    standIn.throttleNext(1_000);

    assertThat(cloud.ledger().query(CloudQuery.byOutTradeNo("storm-2", TEN_FIFTY)))
        .isInstanceOf(CloudOutcome.NotSent.class);
  }

  @Test
  void aRefundMet429IsNotSentAndNotRetried() throws Exception {
    start();
    SimTransaction paid = payOnTerminal("10.50", "wx", "storm-3");
    standIn.throttleNext(1);

    CloudOutcome o =
        cloud.ledger().refund(new CloudRefund(paid.syssn(), "storm-3-r", TEN_FIFTY, NOON_HK));

    assertThat(o).isInstanceOf(CloudOutcome.NotSent.class);
    assertThat(standIn.requests(QfpayCloudLedger.REFUND)).hasSize(1);
    assertThat(terminal.transaction(paid.syssn()).orElseThrow().refunded().isZero()).isTrue();
  }

  @Test
  void aRefundThatTimesOutIsUnknownNeverResentAndSettledByQuery() throws Exception {
    start(FAST.withRequestTimeout(Duration.ofMillis(400)));
    SimTransaction paid = payOnTerminal("10.50", "wx", "slow-1");
    standIn.delayNextAnswer(Duration.ofMillis(1500));

    CloudOutcome o =
        cloud.ledger().refund(new CloudRefund(paid.syssn(), "slow-1-r", TEN_FIFTY, NOON_HK));

    assertThat(o).isInstanceOf(CloudOutcome.OutcomeUnknown.class);
    // the late answer is journaled when the stand-in finally writes it; still one request
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> standIn.requests(QfpayCloudLedger.REFUND).size() == 1);
    Thread.sleep(500);
    assertThat(standIn.requests(QfpayCloudLedger.REFUND)).hasSize(1);
    // QFPay did refund: the query by the refund's own reference settles it
    assertThat(cloud.ledger().query(CloudQuery.byOutTradeNo("slow-1-r", TEN_FIFTY)))
        .isInstanceOf(CloudOutcome.Settled.class);
    assertAllSignedExactly();
  }

  @Test
  void aQueryThatTimesOutIsAskedAgain() throws Exception {
    start(FAST.withRequestTimeout(Duration.ofMillis(400)));
    payOnTerminal("10.50", "wx", "slow-2");
    standIn.delayNextAnswer(Duration.ofMillis(1500));

    assertThat(cloud.ledger().query(CloudQuery.byOutTradeNo("slow-2", TEN_FIFTY)))
        .isInstanceOf(CloudOutcome.Settled.class);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> standIn.requests(QfpayCloudLedger.QUERY).size() == 2);
  }

  @Test
  void aRefusedConnectionIsNotSent() throws Exception {
    start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    CloudAccount nowhere =
        new CloudAccount(
            URI.create("http://127.0.0.1:" + closedPort),
            APP_CODE,
            ClientKey.of(CLIENT_KEY),
            MCHID,
            SignType.MD5,
            List.of(),
            FAST);
    try (QfpayCloud c = QfpayCloud.open(nowhere, clock)) {
      assertThat(c.ledger().refund(new CloudRefund("1", "r", TEN_FIFTY, NOON_HK)))
          .isInstanceOf(CloudOutcome.NotSent.class);
      assertThat(c.ledger().query(CloudQuery.byOutTradeNo("x", TEN_FIFTY)))
          .isInstanceOf(CloudOutcome.NotSent.class);
    }
  }

  @Test
  void theStandInRefusesAWrongKeyAndTheQueryStaysUnknown() throws Exception {
    start();
    SimTransaction paid = payOnTerminal("10.50", "wx", "sig-1");
    CloudAccount wrongKey =
        new CloudAccount(
            standIn.baseUri(),
            APP_CODE,
            ClientKey.of(CLIENT_KEY.replace('0', '1')),
            MCHID,
            SignType.MD5,
            List.of(),
            FAST);
    try (QfpayCloud c = QfpayCloud.open(wrongKey, clock)) {
      // a refused query says nothing about the payment: never Failed
      assertThat(c.ledger().query(CloudQuery.byOutTradeNo("sig-1", TEN_FIFTY)))
          .isInstanceOf(CloudOutcome.OutcomeUnknown.class);
      assertThat(c.ledger().refund(new CloudRefund(paid.syssn(), "sig-1-r", TEN_FIFTY, NOON_HK)))
          .isEqualTo(new CloudOutcome.Failed("1108", "signature error"));
    }
    assertThat(standIn.violations()).hasSize(2).allMatch(v -> v.startsWith("X-QF-SIGN"));
  }

  @Test
  void sha256SignaturesAndNoMchidAreAcceptedWhenTheAccountSaysSo() throws Exception {
    start(CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, null), FAST);
    payOnTerminal("10.50", "wx", "sig-2");
    try (QfpayCloud c = QfpayCloud.open(account(SignType.SHA256, null, FAST), clock)) {
      assertThat(c.ledger().query(CloudQuery.byOutTradeNo("sig-2", TEN_FIFTY)))
          .isInstanceOf(CloudOutcome.Settled.class);
    }
    QfpayCloudStandIn.Request last = standIn.requests().getLast();
    assertThat(last.violations()).isEmpty();
    assertThat(last.params()).doesNotContainKey("mchid");
    // the fixture's client still sends its mchid: the stand-in notices
    cloud.ledger().query(CloudQuery.byOutTradeNo("sig-2", TEN_FIFTY));
    assertThat(standIn.violations()).containsExactly("mchid sent to an account without one");
  }

  @Test
  void httpsIsTrustedThroughAnExtraCaFileAndOnlyThen(@TempDir Path dir) throws Exception {
    start(new CloudStandInConfig("127.0.0.1", 0, true, APP_CODE, CLIENT_KEY, MCHID), FAST);
    payOnTerminal("10.50", "wx", "tls-1");
    Path ca = sim.writeCaPem(dir.resolve("sim-ca.pem"));
    CloudAccount trusting =
        new CloudAccount(
            standIn.baseUri(),
            APP_CODE,
            ClientKey.of(CLIENT_KEY),
            MCHID,
            SignType.MD5,
            List.of(ca),
            FAST);
    try (QfpayCloud c = QfpayCloud.open(trusting, clock)) {
      assertThat(c.ledger().query(CloudQuery.byOutTradeNo("tls-1", TEN_FIFTY)))
          .isInstanceOf(CloudOutcome.Settled.class);
    }
    // the fixture's client trusts only the JVM's store: the handshake fails before any request
    assertThat(standIn.baseUri().getScheme()).isEqualTo("https");
    int before = standIn.requests().size();
    assertThat(cloud.ledger().refund(new CloudRefund("1", "tls-1-r", TEN_FIFTY, NOON_HK)))
        .isInstanceOf(CloudOutcome.NotSent.class);
    assertThat(standIn.requests()).hasSize(before);
    assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void theAccountNeverPrintsItsKey() {
    CloudAccount a =
        new CloudAccount(
            URI.create("https://openapi-hk.qfapi.com"),
            APP_CODE,
            ClientKey.of(CLIENT_KEY),
            null,
            null,
            null,
            null);
    assertThat(a.toString()).doesNotContain(CLIENT_KEY).doesNotContain("A59A8B454940A2FF39");
    assertThat(a.signType()).isEqualTo(SignType.MD5);
  }
}
