package io.ecrhub.simulator;

import java.util.Objects;

/**
 * The QFPay cloud stand-in's account: the app code and client key requests must be signed with, and
 * the {@code mchid} they must carry (null: requests must carry none).
 *
 * @param port 0 = any free port
 * @param https serve HTTPS with a leaf from the simulator's CA (else plain HTTP)
 * @param refundWindow when refunds are refused with 1265, or null for QFPay's window (23:30 to
 *     00:30 Hong Kong time) on the simulator's clock
 */
public record CloudStandInConfig(
    String host,
    int port,
    boolean https,
    String appCode,
    String clientKey,
    String mchid,
    CloudRefundWindow refundWindow) {

  /** QFPay's refund window on the simulator's clock. */
  public CloudStandInConfig(
      String host, int port, boolean https, String appCode, String clientKey, String mchid) {
    this(host, port, https, appCode, clientKey, mchid, null);
  }

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

  /** This configuration with refunds refused while {@code window} is closed. */
  public CloudStandInConfig withRefundWindow(CloudRefundWindow window) {
    return new CloudStandInConfig(host, port, https, appCode, clientKey, mchid, window);
  }
}
