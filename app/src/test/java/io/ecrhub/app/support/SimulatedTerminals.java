package io.ecrhub.app.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every @QuarkusTest runs with the simulated terminals of {@link SimulatorResource}. */
@WithTestResource(value = SimulatorResource.class, scope = TestResourceScope.GLOBAL)
public final class SimulatedTerminals {
  private SimulatedTerminals() {}
}
