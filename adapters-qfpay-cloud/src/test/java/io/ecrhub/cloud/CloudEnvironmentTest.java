package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CloudEnvironmentTest {

  @Test
  void environmentsByName() {
    assertThat(CloudEnvironment.resolve(null, "production"))
        .isEqualTo(URI.create("https://openapi-hk.qfapi.com"));
    assertThat(CloudEnvironment.resolve("", "live-test"))
        .isEqualTo(URI.create("https://test-openapi-hk.qfapi.com"));
    assertThat(CloudEnvironment.resolve(null, "Sandbox"))
        .isEqualTo(URI.create("https://openapi-int.qfapi.com"));
    assertThatThrownBy(() -> CloudEnvironment.resolve(null, "staging"))
        .hasMessageContaining("production, live-test or sandbox");
  }

  @Test
  void explicitUrlMustBeHttpsExceptOnLoopback() {
    assertThat(CloudEnvironment.resolve("https://proxy.example:8443/qf", null))
        .isEqualTo(URI.create("https://proxy.example:8443/qf"));
    assertThat(CloudEnvironment.resolve("http://127.0.0.1:7001", null)).hasPort(7001);
    assertThat(CloudEnvironment.resolve("http://[::1]:7001", null)).hasPort(7001);
    assertThat(CloudEnvironment.resolve("http://localhost:7001", null)).hasPort(7001);
    assertThatThrownBy(() -> CloudEnvironment.resolve("http://openapi-hk.qfapi.com", null))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> CloudEnvironment.resolve("http://127.0.0.1.evil.example", null))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> CloudEnvironment.resolve("ftp://127.0.0.1", null))
        .hasMessageContaining("https");
  }

  @Test
  void urlOrEnvironmentNotBoth() {
    assertThatThrownBy(() -> CloudEnvironment.resolve("https://a.example", "production"))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> CloudEnvironment.resolve(null, null))
        .hasMessageContaining("url or its environment");
  }
}
