package io.ecrhub.domain.terminal;

import java.time.Instant;

/**
 * An address a terminal was seen at.
 *
 * @param mac the terminal's MAC when known (for the DHCP reservation), else null
 */
public record AddressSighting(String ip, String mac, Instant firstSeen, Instant lastSeen) {}
