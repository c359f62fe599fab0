package io.ecrhub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A hub that stops never leads again, also after the container destroyed its beans: a scheduled job
 * still running then (the scheduler's threads outlive the bean's context by a few milliseconds)
 * must see the stopped runner, not a fresh one. With the runner behind a client proxy (application
 * scope) that job got a new, never-stopped instance, which took the lock on a connection the
 * stopping pool left open: no later hub on that database could run the cluster-wide jobs
 * (MmsScheduledPullTest failed so on PostgreSQL in the fresh-clone CI, twice). Its own profile: the
 * test stops this app's runner.
 */
@QuarkusTest
@TestProfile(ClusterRunnerShutdownTest.OwnApp.class)
class ClusterRunnerShutdownTest {
  /** An app of this test's own (its runner is stopped here). */
  public static class OwnApp implements QuarkusTestProfile {}

  @Inject ClusterRunner runner;

  @Test
  void aJobRunningAfterTheContainerDestroyedTheRunner_stillSeesItStopped() {
    runner.stop(); // the ShutdownEvent
    InjectableBean<ClusterRunner> bean = Arc.container().instance(ClusterRunner.class).getBean();
    Arc.container().getActiveContext(bean.getScope()).destroy(bean); // the container's shutdown

    assertThat(runner.leads()).as("a job still running after the container's shutdown").isFalse();
  }
}
