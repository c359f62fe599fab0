package io.ecrhub.notify.delivery;

/** What kind of network an address belongs to, for the SSRF guard. */
public enum AddressClass {
  PUBLIC,
  /** 127.0.0.0/8, ::1. */
  LOOPBACK,
  /** 169.254.0.0/16 (cloud metadata lives here), fe80::/10. */
  LINK_LOCAL,
  /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT). */
  PRIVATE,
  /** fc00::/7. */
  UNIQUE_LOCAL,
  /** 224.0.0.0/4, ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8, :: (means "this host" to many stacks). */
  UNSPECIFIED,
  /** Other special-purpose ranges: 192.0.0/24, 198.18/15, 240/4, broadcast, documentation. */
  RESERVED;

  public boolean isPublic() {
    return this == PUBLIC;
  }
}
