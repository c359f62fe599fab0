package io.ecrhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console reads Server-Sent Events with fetch (the hub authenticates streams by header, which
 * EventSource cannot send): its parser, run in the browser, against the framing rules of the spec.
 */
@QuarkusTest
class EventStreamReaderTest extends ConsoleBrowserTest {
  @BeforeAll
  void openConsole() {
    browser.go("");
    browser.waitFor(By.id("api-key"));
  }

  /** Feeds {@code chunks} to the console's readEvents and returns the events it dispatched. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> read(List<String> chunks) {
    return (List<Map<String, Object>>)
        browser.asyncScript(
            """
            const [chunks, done] = [arguments[0], arguments[arguments.length - 1]];
            import('./js/api.js').then(async ({ readEvents }) => {
              const bytes = new TextEncoder();
              const body = new ReadableStream({
                start(c) { chunks.forEach((s) => c.enqueue(bytes.encode(s))); c.close(); },
              });
              const events = [];
              await readEvents(body, (e) => events.push(e));
              done(events);
            }).catch((e) => done([{ error: String(e) }]));
            """,
            chunks);
  }

  @Test
  void eventsSplitAcrossChunks_areDispatchedWhole() {
    var events =
        read(
            List.of(
                "id: 7\nevent: payment.status_changed\nda",
                "ta: {\"to\":\"IN_PROGRESS\"}\n",
                "\n: keep-alive\n\nid: 8\r",
                "\nevent: payment.status_changed\r\ndata: {\"to\":\"SUCCEEDED\"}\r\n\r\n"));

    assertThat(events)
        .containsExactly(
            Map.of("id", "7", "type", "payment.status_changed", "data", "{\"to\":\"IN_PROGRESS\"}"),
            Map.of("id", "8", "type", "payment.status_changed", "data", "{\"to\":\"SUCCEEDED\"}"));
  }

  @Test
  void multiLineData_isJoinedAndAnUnfinishedEventIsDropped() {
    var events = read(List.of("data: one\ndata:two\n\n", "data: never finished"));

    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .containsEntry("type", "message")
        .containsEntry("data", "one\ntwo")
        .containsEntry("id", null);
  }
}
