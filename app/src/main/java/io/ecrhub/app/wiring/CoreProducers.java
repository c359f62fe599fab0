package io.ecrhub.app.wiring;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.shared.IdGenerator;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/** Time, randomness and this instance's identity: inputs of the domain, produced once. */
public class CoreProducers {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  IdGenerator ids() {
    return new RandomIds();
  }

  /**
   * This hub instance's name in terminal leases and logs: {@code ecrhub.instance-id}, else the host
   * name plus the HTTP port, which is stable across restarts so a restarted hub recognises (and
   * releases) its own leases at once. With a random port (0) there is nothing stable to derive it
   * from and a random suffix is used. Never contains ':' (the lease holder separator).
   */
  @Produces
  @Singleton
  InstanceId instanceId(HubConfig config) {
    String id =
        config.instanceId().filter(s -> !s.isBlank()).orElseGet(CoreProducers::derivedInstanceId);
    return new InstanceId(id.strip().replace(':', '-'));
  }

  private static String derivedInstanceId() {
    var cfg = ConfigProvider.getConfig();
    String portKey =
        LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
    int port =
        cfg.getOptionalValue(portKey, Integer.class)
            .orElse(LaunchMode.current() == LaunchMode.TEST ? 8081 : 8080);
    String suffix = port > 0 ? Integer.toString(port) : new RandomIds(6).next();
    return hostName() + "-" + suffix;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "hub";
    }
  }
}
