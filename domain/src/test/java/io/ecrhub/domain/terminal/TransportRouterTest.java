package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.shared.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which path a request takes, and when a payment falls back to the cloud (ADR 0022). */
class TransportRouterTest {
  private static final PosKey KEY = PosKey.of("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  private static final TerminalCommand.Pay PAY =
      new TerminalCommand.Pay(
          Money.of("10.50", "HKD"), Channel.WX, OutTradeNo.of("EH1"), Duration.ofSeconds(60));

  /** A channel that answers what it is told and counts what it was sent. */
  static final class Recording implements TerminalChannel {
    final List<TerminalCommand> sent = new ArrayList<>();
    private final TerminalOutcome answer;
    private final RuntimeException failure;

    Recording(TerminalOutcome answer) {
      this(answer, null);
    }

    Recording(TerminalOutcome answer, RuntimeException failure) {
      this.answer = answer;
      this.failure = failure;
    }

    @Override
    public CompletionStage<TerminalOutcome> send(TerminalEndpoint e, TerminalCommand c) {
      sent.add(c);
      return failure == null
          ? CompletableFuture.completedFuture(answer)
          : CompletableFuture.failedFuture(failure);
    }
  }

  private static TerminalEndpoint endpoint(Transport t, String deviceId, boolean fallback) {
    return new TerminalEndpoint(
        TerminalId.of("trm_1"),
        t.local() ? "127.0.0.1" : "",
        t.local() ? 9001 : 0,
        t,
        true,
        KEY,
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        deviceId,
        fallback);
  }

  private static TerminalOutcome send(TransportRouter router, TerminalEndpoint e, TerminalCommand c)
      throws Exception {
    return router.send(e, c).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static final TerminalOutcome APPROVED =
      new TerminalOutcome.Approved(TransactionReport.EMPTY);

  @Test
  void cloudTerminal_goesToTheCloudOnly() throws Exception {
    Recording lan = new Recording(APPROVED);
    Recording cloud = new Recording(APPROVED);
    TerminalOutcome o =
        send(new TransportRouter(lan, cloud), endpoint(Transport.CLOUD, "D1", false), PAY);
    assertThat(o).isEqualTo(APPROVED);
    assertThat(lan.sent).isEmpty();
    assertThat(cloud.sent).containsExactly(PAY);
  }

  @Test
  void refusedConnection_withFallback_isReturnedAsIs_theUseCaseDecidesAndPushesToTheCloudEndpoint()
      throws Exception {
    TerminalOutcome refused =
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused");
    Recording lan = new Recording(refused);
    Recording cloud = new Recording(APPROVED);
    TransportRouter router = new TransportRouter(lan, cloud);
    TerminalEndpoint https = endpoint(Transport.HTTPS, "D1", true);

    assertThat(send(router, https, PAY)).isEqualTo(refused);
    assertThat(cloud.sent).isEmpty();
    assertThat(TransportRouter.fallsBack(https, refused)).isTrue();

    TerminalEndpoint push = https.throughCloud();
    assertThat(push.transport()).isEqualTo(Transport.CLOUD);
    assertThat(push.deviceId()).isEqualTo("D1");
    assertThat(push.cloudFallback()).isFalse();
    assertThat(TransportRouter.fallsBack(push, refused)).isFalse();
    assertThat(send(router, push, PAY)).isEqualTo(APPROVED);
    assertThat(lan.sent).containsExactly(PAY);
    assertThat(cloud.sent).containsExactly(PAY);
  }

  @Test
  void everyProvablyUnsentCause_fallsBack_butNotAStoppingHubOrABadConfiguration() {
    for (TerminalOutcome.NotSentCause cause : TerminalOutcome.NotSentCause.values()) {
      boolean expected =
          cause != TerminalOutcome.NotSentCause.CONFIGURATION
              && cause != TerminalOutcome.NotSentCause.CHANNEL_CLOSED;
      assertThat(TransportRouter.fallsBack(new TerminalOutcome.NotSent(cause, "x")))
          .as(cause.name())
          .isEqualTo(expected);
    }
  }

  @Test
  void outcomeUnknown_neverFallsBack() throws Exception {
    Recording lan = new Recording(new TerminalOutcome.OutcomeUnknown("read timeout after send"));
    Recording cloud = new Recording(APPROVED);
    TerminalOutcome o =
        send(new TransportRouter(lan, cloud), endpoint(Transport.HTTP, "D1", true), PAY);
    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(cloud.sent).isEmpty();
  }

  @Test
  void aTerminalAnswerOrABrokenChannel_neverFallsBack() throws Exception {
    Recording cloud = new Recording(APPROVED);
    for (TerminalOutcome answer :
        List.of(
            new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "no", "6002"),
            new TerminalOutcome.Busy("busy"),
            new TerminalOutcome.LoggedOut("out"),
            new TerminalOutcome.KeyMismatch("4003", "key"),
            new TerminalOutcome.ProtocolError("4005", "bad"))) {
      TerminalOutcome o =
          send(
              new TransportRouter(new Recording(answer), cloud),
              endpoint(Transport.TCP, "D1", true),
              PAY);
      assertThat(o).isEqualTo(answer);
      assertThat(TransportRouter.fallsBack(endpoint(Transport.TCP, "D1", true), o)).isFalse();
    }
    TerminalOutcome broken =
        TerminalCalls.outcomeOf(
            null,
            catchFailure(
                new TransportRouter(new Recording(null, new IllegalStateException("boom")), cloud)
                    .send(endpoint(Transport.HTTP, "D1", true), PAY)));
    assertThat(broken).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(cloud.sent).isEmpty();
  }

  @Test
  void withoutFallbackOrDeviceId_orForACloudTerminal_nothingFallsBack() {
    TerminalOutcome refused =
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused");
    assertThat(TransportRouter.fallsBack(endpoint(Transport.HTTPS, "D1", false), refused))
        .isFalse();
    assertThat(TransportRouter.fallsBack(endpoint(Transport.HTTPS, null, true), refused)).isFalse();
    assertThat(TransportRouter.fallsBack(endpoint(Transport.CLOUD, "D1", true), refused)).isFalse();
    assertThat(
            TransportRouter.fallsBack(
                endpoint(Transport.HTTP, "D1", true),
                new TerminalOutcome.OutcomeUnknown("read timeout after send")))
        .isFalse();
  }

  @Test
  void cloudNotSentEither_saysBoth() {
    TerminalOutcome o =
        TransportRouter.noted(
            new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.UNRESOLVED, "no such host"),
            new TerminalOutcome.NotSent(
                TerminalOutcome.NotSentCause.CONNECT_FAILED, "QFPay's cloud not reached"));
    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> {
              assertThat(n.cause()).isEqualTo(TerminalOutcome.NotSentCause.UNRESOLVED);
              assertThat(n.detail()).contains("no such host", "QFPay's cloud not reached");
            });
  }

  private static Throwable catchFailure(CompletionStage<TerminalOutcome> stage) {
    try {
      stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
      return null;
    } catch (Exception e) {
      return e;
    }
  }
}
