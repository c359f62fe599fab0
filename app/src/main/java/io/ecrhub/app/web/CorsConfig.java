package io.ecrhub.app.web;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Cross-origin access for web tills ({@code ecrhub.cors.*}); off unless origins are listed. */
@ConfigMapping(prefix = "ecrhub.cors")
public interface CorsConfig {
  /**
   * Origins whose pages may call the API from a browser, comma separated (e.g. {@code
   * https://till.example.com}); env {@code ECRHUB_CORS_ORIGINS}. Unset: no CORS at all, a browser
   * on another origin cannot read any answer. {@code *} is refused.
   */
  Optional<List<String>> origins();
}
