package io.ecrhub.app.wiring;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.shared.IdGenerator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

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

  /** This hub instance's name in terminal leases and logs. */
  @Produces
  @Singleton
  InstanceId instanceId(HubConfig config) {
    return new InstanceId(
        config
            .instanceId()
            .filter(s -> !s.isBlank())
            .orElseGet(() -> hostName() + "-" + new RandomIds(6).next())
            .replace(':', '-'));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "hub";
    }
  }
}
