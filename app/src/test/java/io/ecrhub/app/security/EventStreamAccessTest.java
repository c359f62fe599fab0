package io.ecrhub.app.security;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Event streams belong to the key that opened them: they end when it is revoked or its
 * scope stops covering the terminal, and one key holds at most {@code max-streams-per-key}.
 */
@QuarkusTest
class EventStreamAccessTest {
  private static final Duration ENDS_WITHIN = Duration.ofSeconds(30);

  @TestHTTPResource("/")
  URI base;

  @Inject HubConfig config;

  @Test
  void revokingTheKey_endsItsStreams_andLeavesOtherKeysStreamsOpen() throws Exception {
    String terminal = createTerminal(unique("s"));
    Key doomed = key("cashier", null);
    String other = Api.createKey("cashier", null);
    try (SseClient stream = open("api/v1/terminals/" + terminal + "/events", doomed.key());
        SseClient kept = open("api/v1/terminals/" + terminal + "/events", other)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(kept.status()).isEqualTo(200);

      admin().delete("/api/v1/api-keys/" + doomed.id()).then().statusCode(200);

      assertThat(stream.endsWithin(ENDS_WITHIN)).as("the revoked key's stream ends").isTrue();
      assertThat(kept.ended()).as("another key's stream stays open").isFalse();
    }
  }

  @Test
  void terminalMovedOutOfTheKeysScope_endsTheStream() throws Exception {
    String store = unique("s");
    String terminal = createTerminal(store);
    String cashier = Api.createKey("cashier", Map.of("stores", List.of(store)));
    String unscoped = Api.createKey("cashier", null);
    try (SseClient scoped = open("api/v1/terminals/" + terminal + "/events", cashier);
        SseClient everyone = open("api/v1/terminals/" + terminal + "/events", unscoped)) {
      assertThat(scoped.status()).isEqualTo(200);

      admin()
          .body(Map.of("storeId", unique("elsewhere")))
          .patch("/api/v1/terminals/" + terminal)
          .then()
          .statusCode(200);

      assertThat(scoped.endsWithin(ENDS_WITHIN)).as("the out-of-scope stream ends").isTrue();
      assertThat(everyone.ended()).as("the unscoped key's stream stays open").isFalse();
    }
  }

  @Test
  void oneStreamMoreThanTheMaximum_is429_untilOneCloses() throws Exception {
    String terminal = createTerminal(unique("s"));
    String key = Api.createKey("cashier", null);
    String path = "api/v1/terminals/" + terminal + "/events";
    int max = config.security().maxStreamsPerKey();
    assertThat(max).as("the default").isEqualTo(20);
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < max; i++) {
        open.add(open(path, key));
        assertThat(open.get(i).status()).isEqualTo(200);
      }
      Answer refused = get(path, key);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.type()).startsWith("application/problem+json");
      assertThat(new ObjectMapper().readTree(refused.body()).path("code").asText())
          .isEqualTo("TOO_MANY_STREAMS");
      // another key is not affected
      try (SseClient others = open(path, Api.createKey("cashier", null))) {
        assertThat(others.status()).isEqualTo(200);
      }

      open.remove(0).close();
      org.awaitility.Awaitility.await()
          .atMost(ENDS_WITHIN)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                SseClient again = open(path, key);
                if (again.status() == 200) {
                  open.add(again);
                  return true;
                }
                again.close();
                return false;
              });
    } finally {
      open.forEach(SseClient::close);
    }
  }

  @Test
  void streamOfATerminalOutOfScope_isRefused() {
    String terminal = createTerminal(unique("s"));
    String elsewhere = Api.createKey("cashier", Map.of("stores", List.of(unique("s"))));
    as(elsewhere)
        .header("Accept", "text/event-stream")
        .get("/api/v1/terminals/" + terminal + "/events")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
  }

  private SseClient open(String path, String key) throws Exception {
    return SseClient.open(base.resolve(path), key, null);
  }

  /** The answer to opening one more stream: status, type and body (an open stream is closed). */
  private Answer get(String path, String key) throws Exception {
    HttpResponse<java.io.InputStream> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve(path))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    String type = r.headers().firstValue("Content-Type").orElse("");
    try (java.io.InputStream in = r.body()) {
      String body =
          type.startsWith("text/event-stream")
              ? ""
              : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new Answer(r.statusCode(), type, body);
    }
  }

  record Answer(int status, String type, String body) {}

  record Key(String id, String key) {}

  private static Key key(String role, Map<String, Object> scope) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", unique("stream "));
    body.put("role", role);
    if (scope != null) {
      body.put("scope", scope);
    }
    var created = admin().body(body).post("/api/v1/api-keys").then().statusCode(201).extract();
    return new Key(created.path("id"), created.path("key"));
  }
}
