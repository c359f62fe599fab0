package io.ecrhub.ecr.channel;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import io.ecrhub.ecr.tls.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared set-up for channel tests: a test CA (trusted as an operator CA next to QFPay's), a leaf
 * for 127.0.0.1, in-memory pins, a real {@link NettyTerminalChannel} and fake terminals on
 * ephemeral loopback ports. Everything is closed after each test.
 */
abstract class ChannelFixture {
  static final String KEY = "0123456789abcdef0123456789abcdef";
  static final PosKey POS_KEY = PosKey.of(KEY);
  static final TerminalId TERMINAL = TerminalId.of("till-1");
  static final Duration WAIT = Duration.ofSeconds(30);

  static final TestPki CA = TestPki.newCa("Test terminal CA");
  static final TestPki.Issued LEAF = CA.issueServer("terminal", "127.0.0.1");

  final InMemoryCertificatePins pins = new InMemoryCertificatePins();
  final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private NettyTerminalChannel channel;

  NettyTerminalChannel channel() {
    if (channel == null) {
      channel = newChannel(ChannelSettings.defaults());
    }
    return channel;
  }

  NettyTerminalChannel newChannel(ChannelSettings settings) {
    NettyTerminalChannel c =
        new NettyTerminalChannel(settings, anchors(), pins, executor, Clock.systemUTC());
    closeables.add(c);
    return c;
  }

  static QfpayTrustAnchors anchors() {
    try {
      Path dir = Files.createTempDirectory("ecrhub-ca");
      Path file = CA.writePem(dir, "test-ca.pem");
      QfpayTrustAnchors a = new QfpayTrustAnchors(List.of(file));
      Files.delete(file);
      Files.delete(dir);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeTerminal https(FakeTerminal.Script script) throws IOException {
    return https(TestPki.serverContext(LEAF), script);
  }

  FakeTerminal https(SSLContext tls, FakeTerminal.Script script) throws IOException {
    return track(FakeTerminal.start(FakeTerminal.Mode.HTTP, tls, KEY, true, script));
  }

  FakeTerminal http(FakeTerminal.Script script) throws IOException {
    return track(FakeTerminal.start(FakeTerminal.Mode.HTTP, null, KEY, true, script));
  }

  FakeTerminal fake(Transport transport, FakeTerminal.Script script) throws IOException {
    return switch (transport) {
      case HTTPS -> https(script);
      case HTTP -> http(script);
      case TCP -> tcp(script);
      case SERIAL, CLOUD -> throw new IllegalArgumentException("no fake for " + transport);
    };
  }

  FakeTerminal tcp(FakeTerminal.Script script) throws IOException {
    return track(FakeTerminal.start(FakeTerminal.Mode.TCP, null, KEY, true, script));
  }

  FakeTerminal start(
      FakeTerminal.Mode mode, SSLContext tls, boolean encryption, FakeTerminal.Script script)
      throws IOException {
    return track(FakeTerminal.start(mode, tls, KEY, encryption, script));
  }

  <T extends AutoCloseable> T track(T t) {
    closeables.add(t);
    return t;
  }

  static TerminalEndpoint endpoint(Transport transport, int port) {
    return endpoint(transport, port, Duration.ofSeconds(10));
  }

  static TerminalEndpoint endpoint(Transport transport, int port, Duration readTimeout) {
    return new TerminalEndpoint(
        TERMINAL,
        "127.0.0.1",
        port,
        transport,
        true,
        POS_KEY,
        TcpFraming.HALF_CLOSE,
        Duration.ofSeconds(10),
        readTimeout);
  }

  static TerminalCommand.Pay pay(String outTradeNo) {
    return new TerminalCommand.Pay(
        Money.of("10.50", "HKD"), Channel.CARD_PAYMENT, OutTradeNo.of(outTradeNo), null);
  }

  static TerminalCommand.Query query() {
    return TerminalCommand.Query.bySyssn(Syssn.of("20250826155400087645770447"));
  }

  static TerminalCommand.Refund refund() {
    return new TerminalCommand.Refund(Syssn.of("20250826155400087645770447"), null);
  }

  /** A loopback port nothing listens on any more: a connection to it is refused. */
  static int refusingPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  static TerminalOutcome await(CompletionStage<TerminalOutcome> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    executor.shutdownNow();
  }
}
