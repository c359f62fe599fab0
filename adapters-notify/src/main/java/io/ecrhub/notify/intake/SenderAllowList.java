package io.ecrhub.notify.intake;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Optional allow-list of QFPay's sender addresses (protocol doc §7.1), off by default. The client
 * address is the peer's, unless the peer is a configured trusted proxy: then {@code
 * X-Forwarded-For} is read from the right, skipping trusted proxies, and the first other address is
 * the client. A forwarded header from an untrusted peer is ignored.
 */
public final class SenderAllowList {
  /** QFPay's published sender IPs (protocol doc §7.1). */
  public static final List<String> QFPAY_SENDERS =
      List.of("13.228.112.115", "18.138.115.47", "18.166.202.92");

  private final boolean enabled;
  private final List<Cidr> allowed;
  private final List<Cidr> trustedProxies;

  public SenderAllowList(boolean enabled, List<Cidr> allowed, List<Cidr> trustedProxies) {
    this.enabled = enabled;
    this.allowed = List.copyOf(allowed);
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  public static SenderAllowList disabled(List<Cidr> trustedProxies) {
    return new SenderAllowList(false, List.of(), trustedProxies);
  }

  /** The client's address as text (what is stored with the notification). */
  public String clientAddress(String peerAddress, String forwardedFor) {
    if (trustedProxies.isEmpty() || forwardedFor == null || forwardedFor.isBlank()) {
      return peerAddress; // nothing to read from X-Forwarded-For (and no address to parse)
    }
    Optional<InetAddress> peer = Cidr.literal(peerAddress);
    if (peer.isEmpty() || !trusted(peer.get()) || forwardedFor == null || forwardedFor.isBlank()) {
      return peerAddress;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      Optional<InetAddress> a = Cidr.literal(hop);
      if (a.isEmpty()) {
        return hop.isEmpty() ? peerAddress : hop; // garbage: stop, it cannot be allowed
      }
      if (!trusted(a.get())) {
        return a.get().getHostAddress();
      }
    }
    return peerAddress;
  }

  /** Whether a notification from {@code clientAddress} may be taken in. */
  public boolean allows(String clientAddress) {
    if (!enabled) {
      return true;
    }
    Optional<InetAddress> a = Cidr.literal(clientAddress);
    return a.isPresent() && allowed.stream().anyMatch(c -> c.contains(a.get()));
  }

  public boolean enabled() {
    return enabled;
  }

  private boolean trusted(InetAddress a) {
    return trustedProxies.stream().anyMatch(c -> c.contains(a));
  }
}
