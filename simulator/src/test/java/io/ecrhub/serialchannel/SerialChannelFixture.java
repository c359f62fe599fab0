package io.ecrhub.serialchannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.domain.testing.TerminalFixture;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.serial.JSerialCommExchange;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import io.ecrhub.simulator.serial.SocatPtyPair;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's side of a serial cable for tests: a socat pty pair (fails, never skips, without socat),
 * the real {@link JSerialCommExchange} on its {@code ecr} end and a real {@link
 * NettyTerminalChannel} using it. Subclasses put a simulated terminal on {@link #pty}'s {@code pos}
 * end. Everything is closed after each test, socat last, and socat must have exited.
 */
abstract class SerialChannelFixture {
  static final String KEY = TerminalFixture.TEST_POS_KEY_TEXT;
  static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";
  static final TerminalId TERMINAL = TerminalId.of("till-serial");

  /** Link acknowledgements on a loaded 2-core machine: far above the doc's 1000 ms. */
  static final Duration ACK_WAIT = Duration.ofSeconds(20);

  static final Duration BUSINESS_READ = Duration.ofSeconds(60);
  static final Duration SHORT_READ = Duration.ofSeconds(30);

  @TempDir Path dir;
  SocatPtyPair pty;
  NettyTerminalChannel channel;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

  @BeforeEach
  void plugInTheCable() {
    pty = track(SocatPtyPair.start(dir));
    JSerialCommExchange link = track(new JSerialCommExchange());
    ChannelSettings settings =
        new ChannelSettings(
            1,
            EcrCodec.MAX_BODY_BYTES,
            Duration.ofSeconds(5),
            BUSINESS_READ,
            SHORT_READ,
            Duration.ofSeconds(20),
            0,
            ACK_WAIT);
    channel =
        track(
            new NettyTerminalChannel(
                settings,
                QfpayTrustAnchors.qfpayOnly(),
                new InMemoryCertificatePins(),
                executor,
                Clock.systemUTC(),
                link));
  }

  @AfterEach
  void unplug() throws Exception {
    Exception first = null;
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    executor.shutdownNow();
    if (first != null) {
      throw first;
    }
    if (pty != null) {
      assertThat(pty.isAlive()).as("socat %d still running", pty.pid()).isFalse();
    }
  }

  /** Closed after the test, in reverse order of tracking. */
  <T extends AutoCloseable> T track(T t) {
    closeables.push(t);
    return t;
  }

  /** The serial endpoint on the cable's hub end with {@code key}. */
  TerminalEndpoint endpoint(String key, Duration readTimeout) {
    return new TerminalEndpoint(
        TERMINAL,
        pty.ecr().toString(),
        0,
        Transport.SERIAL,
        true,
        PosKey.of(key),
        null,
        Duration.ofSeconds(5),
        readTimeout);
  }

  CompletionStage<TerminalOutcome> sendAsync(TerminalCommand command) {
    return channel.send(endpoint(KEY, command.isBusiness() ? BUSINESS_READ : SHORT_READ), command);
  }

  TerminalOutcome send(TerminalCommand command) throws Exception {
    return outcome(sendAsync(command));
  }

  static TerminalOutcome outcome(CompletionStage<TerminalOutcome> stage) throws Exception {
    return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  static TerminalCommand.Pay pay(String amount, Channel channel, String outTradeNo) {
    return new TerminalCommand.Pay(
        Money.of(amount, "HKD"), channel, OutTradeNo.of(outTradeNo), null);
  }
}
