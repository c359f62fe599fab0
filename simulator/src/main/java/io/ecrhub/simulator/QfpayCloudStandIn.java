package io.ecrhub.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for QFPay's cloud (protocol doc §8 Open API and §11 ECR cloud) over the simulated
 * terminals' ledgers. Every request's form encoding and signature are checked exactly ({@link
 * CloudRequestCheck}); a broken one is answered {@code 1108} and journaled. Switches make it answer
 * HTTP 429, refuse with a chosen code, or answer late. Started by {@link
 * TerminalSimulator#startCloud}.
 */
public final class QfpayCloudStandIn implements AutoCloseable {
  /**
   * One request as the stand-in saw it and answered it.
   *
   * @param appCode the {@code X-QF-APPCODE} it carried (null: none)
   */
  public record Request(
      String path,
      Map<String, String> params,
      List<String> violations,
      int status,
      String respcd,
      String appCode) {}

  private static final int MAX_BODY = 64 * 1024;

  private final CloudStandInConfig config;
  private final CloudTrades trades;
  private final EcrCloudPushes pushes;
  private final CloudStatementWindow statement;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, daemon());
  private final List<Request> journal = new CopyOnWriteArrayList<>();
  private final Map<String, CloudStandInConfig> otherAccounts = new ConcurrentHashMap<>();
  private final AtomicInteger throttle = new AtomicInteger();
  private final AtomicReference<String> refuseNext = new AtomicReference<>();
  private final AtomicReference<Duration> delayNext = new AtomicReference<>();
  private final AtomicReference<String> refuseNextRefund = new AtomicReference<>();
  private final AtomicReference<Duration> delayNextRefund = new AtomicReference<>();
  private final AtomicInteger throttleRefunds = new AtomicInteger();

  QfpayCloudStandIn(
      SimulatorContext ctx, List<SimulatedTerminal> terminals, CloudStandInConfig config) {
    this.config = config;
    this.trades =
        new CloudTrades(
            terminals,
            ctx,
            config.refundWindow() != null
                ? config.refundWindow()
                : CloudRefundWindow.qfpay(ctx.clock()));
    this.pushes = new EcrCloudPushes(terminals, ctx);
    this.statement = new CloudStatementWindow(terminals, ctx);
    try {
      InetSocketAddress at = new InetSocketAddress(config.host(), config.port());
      if (config.https()) {
        HttpsServer s = HttpsServer.create(at, 64);
        s.setHttpsConfigurator(new HttpsConfigurator(tls(ctx.ca().issueLeaf(config.host()))));
        server = s;
      } else {
        server = HttpServer.create(at, 64);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the QFPay cloud stand-in", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http(s)://host:port}: the hub's {@code ecrhub.qfpay.cloud.url}. */
  public URI baseUri() {
    String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create((config.https() ? "https" : "http") + "://" + h + ":" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(journal);
  }

  /** The requests to {@code path}. */
  public List<Request> requests(String path) {
    return journal.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * Accepts requests of another merchant account too: a request carrying {@code appCode} must be
   * signed with {@code clientKey} and carry {@code mchid} (null: none), as for the first account.
   * All accounts share the simulated terminals' ledgers.
   */
  public void addAccount(String appCode, String clientKey, String mchid) {
    otherAccounts.put(
        appCode,
        new CloudStandInConfig(
            config.host(), config.port(), config.https(), appCode, clientKey, mchid));
  }

  /** Every broken rule of every request (empty: all were signed and encoded exactly). */
  public List<String> violations() {
    return journal.stream().flatMap(r -> r.violations().stream()).toList();
  }

  /**
   * From now on {@code /trade/v1/refund} is refused with {@code 1265} while {@code window} is
   * closed (e.g. {@link CloudRefundWindow#alwaysOpen()} for a test that must not depend on the time
   * of day).
   */
  public void refundWindow(CloudRefundWindow window) {
    trades.refundWindow(window);
  }

  /** The refund window in force. */
  public CloudRefundWindow refundWindow() {
    return trades.refundWindow();
  }

  /**
   * The next {@code n} {@code /trade/v1/refund} requests (only: queries and pushes in between are
   * answered as usual) are answered HTTP 429, unprocessed.
   */
  public void throttleNextRefunds(int n) {
    throttleRefunds.set(n);
  }

  /** The next {@code n} requests are answered HTTP 429 (QFPay's rate limit). */
  public void throttleNext(int n) {
    throttle.set(n);
  }

  /** The next refund or push is refused with {@code respcd} (e.g. 1265, 1269, 1270, 1136). */
  public void refuseNext(String respcd) {
    refuseNext.set(respcd);
  }

  /**
   * From now on, queries by time window (the daily statement) report {@code syssn} with {@code
   * cents} instead of its amount: a planted difference between QFPay and the hub.
   */
  public void misstateInStatement(String syssn, long cents) {
    statement.misstate(syssn, cents);
  }

  /** The next request is processed, then answered only after {@code delay}. */
  public void delayNextAnswer(Duration delay) {
    delayNext.set(delay);
  }

  /**
   * The next {@code /trade/v1/refund} (only: queries and pushes in between are answered as usual)
   * is refused with {@code respcd}: 1265, 1269, 1270, 1271, 1272, 1136 or any other code.
   */
  public void refuseNextRefund(String respcd) {
    refuseNextRefund.set(respcd);
  }

  /**
   * The next {@code /trade/v1/refund} (only) is processed, then answered after {@code delay}: a
   * refund that happened at QFPay while its caller timed out.
   */
  public void delayNextRefund(Duration delay) {
    delayNextRefund.set(delay);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
      String path = ex.getRequestURI().getPath();
      String appCode = ex.getRequestHeaders().getFirst("X-QF-APPCODE");
      if (!ex.getRequestMethod().equals("POST") || body.length > MAX_BODY) {
        journal.add(
            new Request(path, Map.of(), List.of("not a POST within 64 KiB"), 400, null, appCode));
        ex.sendResponseHeaders(400, -1);
        return;
      }
      if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0
          || (path.equals("/trade/v1/refund")
              && throttleRefunds.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
        journal.add(new Request(path, Map.of(), List.of(), 429, null, appCode));
        ex.sendResponseHeaders(429, -1);
        return;
      }
      CloudRequestCheck.Result checked =
          CloudRequestCheck.check(
              appCode == null ? config : otherAccounts.getOrDefault(appCode, config),
              ex.getRequestHeaders().getFirst("Content-Type"),
              appCode,
              ex.getRequestHeaders().getFirst("X-QF-SIGNTYPE"),
              ex.getRequestHeaders().getFirst("X-QF-SIGN"),
              body);
      Map<String, Object> answer =
          checked.violations().isEmpty()
              ? route(path, checked.params())
              : CloudTrades.answer("1108", "signature error");
      if (answer == null) {
        journal.add(new Request(path, checked.params(), checked.violations(), 404, null, appCode));
        ex.sendResponseHeaders(404, -1);
        return;
      }
      Duration delay = delayNext.getAndSet(null);
      if (delay != null) {
        sleep(delay);
      }
      Duration refundDelay =
          path.equals("/trade/v1/refund") ? delayNextRefund.getAndSet(null) : null;
      if (refundDelay != null) {
        sleep(refundDelay);
      }
      journal.add(
          new Request(
              path,
              checked.params(),
              checked.violations(),
              200,
              (String) answer.get("respcd"),
              appCode));
      byte[] out = Json.write(answer).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
    } catch (EcrCodecException e) {
      throw new IOException(e);
    }
  }

  private Map<String, Object> route(String path, Map<String, String> p) {
    if (path.equals("/trade/v1/query") && CloudStatementWindow.asks(p)) {
      return statement.answer(p);
    }
    if (path.equals("/trade/v1/query")) {
      Map<String, Object> m = CloudTrades.answer("0000", "");
      List<Map<String, Object>> data = trades.query(p.get("syssn"), p.get("out_trade_no"));
      m.put("page", p.getOrDefault("page", "1"));
      m.put("page_size", p.getOrDefault("page_size", "10"));
      m.put("data", List.copyOf(data));
      return m;
    }
    if (path.equals("/ecr/v1/query")) {
      return pushes.query(p);
    }
    if (!path.equals("/trade/v1/refund") && !path.startsWith("/ecr/v1/")) {
      return null;
    }
    String refusal = refuseNext.getAndSet(null);
    if (refusal == null && path.equals("/trade/v1/refund")) {
      refusal = refuseNextRefund.getAndSet(null);
    }
    if (refusal != null) {
      return CloudTrades.answer(refusal, "refused on demand (simulator)");
    }
    return path.equals("/trade/v1/refund") ? trades.refund(p) : pushes.push(path, p);
  }

  private static SSLContext tls(SimulatorPki.CertifiedKey leaf) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = "stand-in".toCharArray();
      ks.setKeyEntry("leaf", leaf.privateKey(), pw, leaf.chain());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up the stand-in's TLS", e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "sim-cloud");
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops answering; requests in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
