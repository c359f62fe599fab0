package io.ecrhub.app.config;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The production build has no demo mode (ADR 0016): asked for one ({@code ecrhub.demo=true}, e.g. a
 * left-over {@code ECRHUB_DEMO}), it refuses to start before Flyway touches the database, instead
 * of running as production with the demo's relaxed defaults (a generated master key file, Swagger
 * UI). The demo build ({@code demo/}) sets the build property {@code ecrhub-build.demo}, which
 * removes this bean there.
 */
@Singleton
@UnlessBuildProperty(name = "ecrhub-build.demo", stringValue = "true", enableIfMissing = true)
public class ProductionBuildGuard implements FlywayConfigurationCustomizer {
  private final HubConfig config;

  @Inject
  public ProductionBuildGuard(HubConfig config) {
    this.config = config;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    refuseDemo();
  }

  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    refuseDemo();
  }

  void refuseDemo() {
    if (config.demo()) {
      ConfigurationException refused =
          new ConfigurationException(
              "ECR Hub refuses to start: demo mode (ecrhub.demo=true) asked of the production"
                  + " build, which has none. Run the demo build instead: ./mvnw -B -q package"
                  + " -DskipTests && java -jar demo/target/quarkus-app/quarkus-run.jar");
      refused.setStackTrace(new StackTraceElement[0]);
      throw refused;
    }
  }
}
