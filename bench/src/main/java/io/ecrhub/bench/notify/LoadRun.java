package io.ecrhub.bench.notify;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A closed-loop load: {@code concurrency} requests in flight until every body was sent once. */
final class LoadRun {
  private final HttpClient client;
  private final URI target;
  private final List<byte[]> bodies;
  private final List<String> signs;
  private final int concurrency;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final long[] latencies;
  private final CountDownLatch done;

  /** Counts and timing of one run. */
  record Result(int ok, int errors, double perSecond, double p50Millis, double p99Millis) {}

  LoadRun(HttpClient client, URI target, List<byte[]> bodies, List<String> signs, int concurrency) {
    this.client = client;
    this.target = target;
    this.bodies = bodies;
    this.signs = signs;
    this.concurrency = concurrency;
    this.latencies = new long[bodies.size()];
    this.done = new CountDownLatch(bodies.size());
  }

  Result run() throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, bodies.size()); i++) {
      sendNext();
    }
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("load did not finish");
    }
    long elapsed = System.nanoTime() - start;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(
        ok.get(),
        errors.get(),
        bodies.size() / (elapsed / 1e9),
        sorted[(int) (sorted.length * 0.50)] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
  }

  private void sendNext() {
    int i = next.getAndIncrement();
    if (i >= bodies.size()) {
      return;
    }
    long t0 = System.nanoTime();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(target.getHost())
            .setPort(target.getPort())
            .setURI(target.getRawPath())
            .putHeader("Content-Type", "application/json")
            .putHeader("X-QF-SIGN", signs.get(i));
    client
        .request(options)
        .compose(req -> req.send(NotifyIntakeBench.buffer(bodies.get(i))))
        .compose(
            resp ->
                resp.body().map(b -> resp.statusCode() == 200 && "SUCCESS".equals(b.toString())))
        .onComplete(
            r -> {
              latencies[i] = System.nanoTime() - t0;
              if (r.succeeded() && r.result()) {
                ok.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              done.countDown();
              sendNext();
            });
  }
}
