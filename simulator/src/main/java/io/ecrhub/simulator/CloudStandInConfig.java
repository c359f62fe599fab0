package io.ecrhub.simulator;

import java.util.Objects;

/**
 * The QFPay cloud stand-in's account: the app code and client key requests must be signed with, and
 * the {@code mchid} they must carry (null: requests must carry none).
 *
 * @param port 0 = any free port
 * @param https serve HTTPS with a leaf from the simulator's CA (else plain HTTP)
 */
public record CloudStandInConfig(
    String host, int port, boolean https, String appCode, String clientKey, String mchid) {
  public CloudStandInConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(appCode, "appCode");
    Objects.requireNonNull(clientKey, "clientKey");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("cloud port must be 0-65535");
    }
  }

  /** Plain HTTP on loopback, any port. */
  public static CloudStandInConfig loopback(String appCode, String clientKey, String mchid) {
    return new CloudStandInConfig("127.0.0.1", 0, false, appCode, clientKey, mchid);
  }
}
