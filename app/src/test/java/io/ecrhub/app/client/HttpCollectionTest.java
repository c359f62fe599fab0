package io.ecrhub.app.client;

import static io.ecrhub.app.support.Api.registerSimulated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request collection examples/ecrhub.http runs as written against the hub and a simulated
 * terminal: every request answers 2xx, named responses feed later requests, and the event stream
 * request shows the payment settle before the refund is asked for.
 */
@QuarkusTest
class HttpCollectionTest {
  private static final Path COLLECTION = Path.of("..", "examples", "ecrhub.http");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^}]+)}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatedTerminal sim = SimulatorResource.terminal(1);
  private final HttpClient http = HttpClient.newHttpClient();

  @TestHTTPResource("/")
  URI hub;

  /** One request of the collection. */
  record Call(
      String name, String method, String target, Map<String, String> headers, String body) {}

  @Test
  void theCollectionRunsAsWritten() throws Exception {
    String terminal = registerSimulated(sim, null);
    Map<String, String> vars = new HashMap<>();
    List<Call> calls = parse(Files.readString(COLLECTION), vars);
    vars.put("hub", hub.toString().replaceAll("/$", ""));
    vars.put("key", Api.ADMIN_KEY);
    vars.put("terminal", terminal);
    Map<String, JsonNode> named = new HashMap<>();

    assertThat(calls).extracting(Call::method).contains("GET", "POST");
    List<String> ran = new ArrayList<>();
    for (Call c : calls) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(fill(c.target(), vars, named)))
              .timeout(Duration.ofSeconds(90));
      c.headers().forEach((k, v) -> b.header(k, fill(v, vars, named)));
      b.method(
          c.method(),
          c.body().isBlank()
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(fill(c.body(), vars, named)));
      HttpResponse<InputStream> res =
          http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      String label = c.method() + " " + c.target();
      assertThat(res.statusCode()).as(label).isBetween(200, 299);
      if ("text/event-stream".equals(c.headers().get("Accept"))) {
        assertThat(lastEventType(res.body())).as(label).isEqualTo("payment.succeeded");
      } else {
        String text = new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
        if (c.name() != null) {
          named.put(c.name(), JSON.readTree(text));
        }
      }
      ran.add(label);
    }
    assertThat(ran)
        .as("the collection's flow")
        .contains(
            "POST {{hub}}/api/v1/payments",
            "POST {{hub}}/api/v1/payments/{{payment.response.body.id}}/refunds");
  }

  /** Requests separated by ###, "@name = value" variables, "# @name x" names a response. */
  static List<Call> parse(String text, Map<String, String> vars) {
    List<Call> calls = new ArrayList<>();
    for (String block : text.split("(?m)^###.*$")) {
      String name = null;
      String method = null;
      String target = null;
      Map<String, String> headers = new HashMap<>();
      StringBuilder body = new StringBuilder();
      boolean inBody = false;
      for (String line : block.split("\n", -1)) {
        if (inBody) {
          body.append(line).append('\n');
        } else if (line.startsWith("# @name ")) {
          name = line.substring(8).strip();
        } else if (line.startsWith("#") || (method == null && line.isBlank())) {
          continue;
        } else if (line.startsWith("@")) {
          String[] kv = line.substring(1).split("=", 2);
          vars.put(kv[0].strip(), kv[1].strip());
        } else if (method == null) {
          String[] parts = line.strip().split(" ", 2);
          method = parts[0];
          target = parts[1];
        } else if (line.isBlank()) {
          inBody = true;
        } else {
          String[] kv = line.split(":", 2);
          headers.put(kv[0].strip(), kv[1].strip());
        }
      }
      if (method != null) {
        calls.add(new Call(name, method, target, headers, body.toString().strip()));
      }
    }
    return calls;
  }

  private static String fill(String s, Map<String, String> vars, Map<String, JsonNode> named) {
    Matcher m = VARIABLE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = m.group(1);
      String value;
      if (v.contains(".response.body.")) {
        String[] parts = v.split("\\.response\\.body\\.", 2);
        assertThat(named).as("response " + parts[0] + " ran before " + s).containsKey(parts[0]);
        value = named.get(parts[0]).path(parts[1]).asText();
      } else {
        assertThat(vars).as("variable " + v).containsKey(v);
        value = vars.get(v);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Reads an event stream until a final payment event, and returns the last event's type. */
  private static String lastEventType(InputStream body) throws Exception {
    String type = null;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("event:")) {
          type = line.substring(6).strip();
          if (type.equals("payment.succeeded")
              || type.equals("payment.declined")
              || type.equals("payment.failed")
              || type.equals("payment.cancelled")) {
            return type;
          }
        }
      }
    }
    return type;
  }
}
