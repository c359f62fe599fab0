package io.ecrhub.domain.diagnostics;

import java.util.Optional;

/**
 * Port: the link-layer (MAC) address the hub's own network segment sees at an IP address, for the
 * DHCP reservation the IP-stability check suggests. Only a terminal on the hub's LAN segment has
 * one; behind a router the hub sees the router's MAC, which the table does not list.
 */
public interface NeighbourTable {
  /** Knows no neighbours (a platform without a readable table, or the doctor CLI). */
  NeighbourTable NONE = host -> Optional.empty();

  /**
   * The MAC at {@code host}, lowercase and colon-separated ({@code aa:bb:cc:dd:ee:ff}); empty when
   * the host is not on this segment, was not contacted lately, or is not an IP literal. Reads local
   * state only: never sends a packet and never resolves a name.
   */
  Optional<String> macAddress(String host);
}
