package io.ecrhub.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/webhooks.md shows {@link WebhookVerifier} verbatim (the class {@link
 * WebhookPingAndRotationTest} checks real deliveries with), so the documented code cannot drift
 * from code that works.
 */
class WebhookDocsTest {
  private static final Pattern JAVA_BLOCK =
      Pattern.compile(
          "<!-- java-verifier: begin -->\\s*```java\\n(.*?)```\\s*<!-- java-verifier: end -->",
          Pattern.DOTALL);

  @Test
  void theJavaVerifierInTheDoc_isTheOneTheTestsRun() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "webhooks.md"), StandardCharsets.UTF_8);
    String source =
        Files.readString(
            Path.of("src/test/java/io/ecrhub/app/notify/WebhookVerifier.java"),
            StandardCharsets.UTF_8);
    String withoutPackage = source.replaceFirst("\\Apackage [a-z.]+;\\n\\n", "");

    Matcher m = JAVA_BLOCK.matcher(doc);

    assertThat(m.find()).as("docs/webhooks.md has the marked java block").isTrue();
    assertThat(m.group(1)).isEqualTo(withoutPackage);
  }

  @Test
  void everyHeaderAndEndpoint_theDocNames_exists() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "webhooks.md"), StandardCharsets.UTF_8);

    assertThat(doc)
        .contains(
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "X-QF-SIGN",
            "POST /api/v1/webhooks/subscriptions/{id}/test",
            "POST /api/v1/webhooks/subscriptions/{id}/rotate-secret",
            "POST /api/v1/webhooks/deliveries/{id}/replay",
            "POST /api/v1/webhooks/deliveries/replay",
            "ecrhub.notify.delivery.secret-overlap");
  }
}
