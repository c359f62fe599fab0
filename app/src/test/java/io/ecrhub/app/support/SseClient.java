package io.ecrhub.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client for tests: collects events on a background thread. */
public final class SseClient implements AutoCloseable {
  /** One received event. */
  public record Event(String id, String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Stream<String> lines;
  private final Thread reader;
  private final int status;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.status = response.statusCode();
    this.lines = response.body();
    this.reader = new Thread(this::read, "sse-test-client");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Opens {@code url} with the API key and, if not null, a Last-Event-ID. */
  public static SseClient open(URI url, String apiKey, String lastEventId)
      throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(url)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + apiKey)
            .timeout(Duration.ofSeconds(30));
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new SseClient(client.send(req.GET().build(), HttpResponse.BodyHandlers.ofLines()));
  }

  public int status() {
    return status;
  }

  private void read() {
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty() || name != null) {
            events.add(new Event(id, name, data.toString()));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (RuntimeException closed) {
      // the stream was closed by the test
    }
  }

  /** The next event, waiting up to 30 s; fails when none comes. */
  public Event next() throws InterruptedException {
    Event e = events.poll(30, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no event within 30 s");
    }
    return e;
  }

  /** Events until one named {@code name} arrives (included). */
  public List<Event> until(String name) throws InterruptedException {
    List<Event> seen = new ArrayList<>();
    Event e;
    do {
      e = next();
      seen.add(e);
    } while (!name.equals(e.name()));
    return seen;
  }

  /** Whether the server ended the stream within {@code wait}. */
  public boolean endsWithin(Duration wait) throws InterruptedException {
    reader.join(wait.toMillis());
    return !reader.isAlive();
  }

  /** Whether the server has ended the stream (now, without waiting). */
  public boolean ended() {
    return !reader.isAlive();
  }

  @Override
  public void close() {
    lines.close();
    reader.interrupt();
  }
}
