package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.delivery.Subscription;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * SSRF guard for delivery targets: resolves the host and refuses loopback, link-local, private,
 * unique-local, multicast, unspecified and reserved addresses (including IPv4 embedded in IPv6:
 * mapped, compatible, NAT64 and 6to4) unless an admin explicitly allowed private targets for that
 * subscription. Every resolved address must be public, so a name that also resolves inward is
 * refused.
 *
 * <p>The name is resolved once: {@link #resolveChecked} returns the addresses it checked, and the
 * sender connects to one of those, never to a fresh answer (a DNS answer that changes between the
 * check and the connection, "DNS rebinding", cannot lead inward).
 */
public final class TargetGuard {
  private final Resolver resolver;

  /** Name resolution as an input, so tests never touch DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public TargetGuard(Resolver resolver) {
    this.resolver = Objects.requireNonNull(resolver);
  }

  /** The guard with the system resolver. */
  public static TargetGuard system() {
    return new TargetGuard(InetAddress::getAllByName);
  }

  /**
   * Checks a target.
   *
   * @throws TargetRefusedException with a reason an admin can act on
   */
  public void check(URI target, boolean allowPrivate) {
    resolveChecked(target, allowPrivate);
  }

  /**
   * Checks a target and returns the addresses its host resolved to, every one of them checked: the
   * only addresses a sender may connect to for this target.
   *
   * @throws TargetRefusedException with a reason an admin can act on
   */
  public List<InetAddress> resolveChecked(URI target, boolean allowPrivate) {
    try {
      Subscription.checkTarget(target);
    } catch (RuntimeException e) {
      throw new TargetRefusedException(e.getMessage());
    }
    String host = target.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host.toLowerCase(Locale.ROOT));
    } catch (UnknownHostException e) {
      throw new TargetRefusedException("target host " + host + " does not resolve");
    }
    if (addresses == null || addresses.length == 0) {
      throw new TargetRefusedException("target host " + host + " does not resolve");
    }
    List<InetAddress> checked = List.of(addresses);
    if (allowPrivate) {
      return checked;
    }
    for (InetAddress a : checked) {
      AddressClass c = classify(a);
      if (!c.isPublic()) {
        throw new TargetRefusedException(
            "target "
                + host
                + " resolves to "
                + a.getHostAddress()
                + " ("
                + c.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "); an admin must allow private targets for this subscription explicitly");
      }
    }
    return checked;
  }

  /** Classifies one address. */
  public static AddressClass classify(InetAddress address) {
    if (address instanceof Inet4Address) {
      return classifyV4(address.getAddress());
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && b.length == 16) {
      byte[] embedded = embeddedV4(b);
      if (embedded != null) {
        return classifyV4(embedded);
      }
      return classifyV6(b);
    }
    return AddressClass.RESERVED;
  }

  private static AddressClass classifyV4(byte[] a) {
    int b0 = a[0] & 0xFF;
    int b1 = a[1] & 0xFF;
    int b2 = a[2] & 0xFF;
    if (b0 == 0) {
      return AddressClass.UNSPECIFIED;
    }
    if (b0 == 127) {
      return AddressClass.LOOPBACK;
    }
    if (b0 == 169 && b1 == 254) {
      return AddressClass.LINK_LOCAL;
    }
    if (b0 == 10
        || (b0 == 172 && b1 >= 16 && b1 <= 31)
        || (b0 == 192 && b1 == 168)
        || (b0 == 100 && b1 >= 64 && b1 <= 127)) {
      return AddressClass.PRIVATE;
    }
    if (b0 >= 224 && b0 <= 239) {
      return AddressClass.MULTICAST;
    }
    if (b0 >= 240
        || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))
        || (b0 == 198 && (b1 == 18 || b1 == 19))
        || (b0 == 198 && b1 == 51 && b2 == 100)
        || (b0 == 203 && b1 == 0 && b2 == 113)) {
      return AddressClass.RESERVED;
    }
    return AddressClass.PUBLIC;
  }

  private static AddressClass classifyV6(byte[] b) {
    boolean allZeroButLast = true;
    for (int i = 0; i < 15; i++) {
      allZeroButLast &= b[i] == 0;
    }
    if (allZeroButLast && b[15] == 0) {
      return AddressClass.UNSPECIFIED;
    }
    if (allZeroButLast && b[15] == 1) {
      return AddressClass.LOOPBACK;
    }
    int b0 = b[0] & 0xFF;
    int b1 = b[1] & 0xFF;
    if (b0 == 0xFF) {
      return AddressClass.MULTICAST;
    }
    if (b0 == 0xFE && (b1 & 0xC0) == 0x80) {
      return AddressClass.LINK_LOCAL;
    }
    if ((b0 & 0xFE) == 0xFC) {
      return AddressClass.UNIQUE_LOCAL;
    }
    if (b0 == 0xFE && (b1 & 0xC0) == 0xC0) {
      return AddressClass.UNIQUE_LOCAL; // deprecated site-local fec0::/10
    }
    if (b0 == 0x20 && b1 == 0x01 && b[2] == 0x0d && (b[3] & 0xFF) == 0xb8) {
      return AddressClass.RESERVED; // documentation 2001:db8::/32
    }
    if ((b0 & 0xE0) != 0x20) {
      return AddressClass.RESERVED; // outside global unicast 2000::/3
    }
    return AddressClass.PUBLIC;
  }

  /** The IPv4 address inside a mapped, compatible, NAT64 or 6to4 IPv6 address, or null. */
  static byte[] embeddedV4(byte[] b) {
    boolean first10Zero = true;
    for (int i = 0; i < 10; i++) {
      first10Zero &= b[i] == 0;
    }
    boolean mapped = first10Zero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    boolean compatible = first10Zero && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
    if (mapped || compatible) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    boolean nat64 =
        b[0] == 0 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
    if (nat64) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Arrays.copyOfRange(b, 2, 6); // 6to4 2002:aabb:ccdd::/48
    }
    return null;
  }
}
