package io.ecrhub.client.example;

import io.ecrhub.client.ApiClient;
import io.ecrhub.client.ApiException;
import io.ecrhub.client.api.PaymentsApi;
import io.ecrhub.client.model.Payment;
import io.ecrhub.client.model.PaymentRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The README's flow with the generated client: take a payment on a terminal and follow it on the
 * payment's live event stream until it settles.
 *
 * <pre>java -cp client-java.jar:... io.ecrhub.client.example.TakePayment \
 *     http://127.0.0.1:8080 "$ECRHUB_API_KEY" t_abc123 12.50 HKD</pre>
 */
public final class TakePayment {
  /** The statuses a payment ends in (UNKNOWN is not one: the hub settles it later). */
  private static final Set<String> FINAL =
      Set.of("payment.succeeded", "payment.declined", "payment.cancelled", "payment.failed");

  /** One server-sent event as the stream delivered it. */
  public record Event(String id, String type, String data) {}

  /** What the example saw: the payment as created, the events, the payment as settled. */
  public record Result(Payment created, List<Event> events, Payment settled) {}

  private TakePayment() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "usage: TakePayment <hub-url> <api-key> <terminal-id> <amount> <currency>");
      System.exit(2);
    }
    Result r = run(URI.create(args[0]), args[1], args[2], args[3], args[4], Duration.ofMinutes(3));
    r.events().forEach(e -> System.out.println(e.type() + " " + e.data()));
    System.out.println("settled: " + r.settled().getStatus());
  }

  /**
   * Takes a payment of {@code amount} (a decimal string, as the API takes money) and follows its
   * event stream until a final event or {@code timeout}; then reads the payment once more.
   */
  public static Result run(
      URI hub, String apiKey, String terminalId, String amount, String currency, Duration timeout)
      throws ApiException, IOException, InterruptedException {
    ApiClient client = new ApiClient();
    client.updateBaseUri(hub.toString());
    client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + apiKey));
    PaymentsApi payments = new PaymentsApi(client);

    PaymentRequest request =
        new PaymentRequest()
            .terminalId(terminalId)
            .amount(amount)
            .currency(currency)
            .channel(PaymentRequest.ChannelEnum.CARD_PAYMENT);
    // one idempotency key per attempt: retrying this call with the same key never charges twice
    Payment created = payments.createPayment(request, UUID.randomUUID().toString());

    List<Event> events = follow(hub, apiKey, created.getId(), timeout);
    return new Result(created, events, payments.getPayment(created.getId()));
  }

  /**
   * Reads {@code GET /api/v1/payments/{id}/events} (text/event-stream) until a final event. The
   * browser's EventSource cannot send a Bearer header; java.net.http can.
   */
  static List<Event> follow(URI hub, String apiKey, String paymentId, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req =
        HttpRequest.newBuilder(hub.resolve("/api/v1/payments/" + paymentId + "/events"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "text/event-stream")
            .timeout(timeout)
            .GET()
            .build();
    HttpResponse<java.io.InputStream> res =
        http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    if (res.statusCode() != 200) {
      throw new IOException("event stream answered " + res.statusCode());
    }
    List<Event> events = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      StringBuilder data = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) { // an event ends at a blank line
          if (type != null || data.length() > 0) {
            Event e = new Event(id, type == null ? "message" : type, data.toString());
            events.add(e);
            if (FINAL.contains(e.type())) {
              return events;
            }
          }
          id = null;
          type = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          continue; // a keep-alive comment
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).strip());
        }
      }
    }
    return events; // the stream ended before a final event: read the payment (the caller does)
  }
}
