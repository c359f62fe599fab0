package io.ecrhub.domain.merchant;

import java.util.function.Predicate;

/**
 * A kind of change an automatic sync holds for an operator's review. The risky ones (a device
 * removed, moved to another address, given another POS key, or switched from HTTPS to plain HTTP)
 * are held by default: whoever controls the source (an MMS export, a partner API) could otherwise
 * redirect payments to a host of their choosing or downgrade the channel. Additions apply at once.
 */
public enum ReviewRule {
  /** The source no longer lists a registered device. */
  REMOVAL(c -> c.has(ChangeKind.REMOVED)),
  /** The device's IP changes (or a row is linked to a terminal by its IP). */
  ADDRESS(c -> c.has(ChangeKind.IP_CHANGED)),
  /** The POS key changes. */
  POS_KEY(c -> c.has(ChangeKind.KEY_CHANGED)),
  /** "Enable Https" goes from on to off (the terminal would be driven over plain HTTP). */
  HTTPS_OFF(c -> c.has(ChangeKind.HTTPS_TOGGLED) && c.incoming() != null && !c.incoming().https()),
  /** "Enable Https" goes from off to on. */
  HTTPS_ON(c -> c.has(ChangeKind.HTTPS_TOGGLED) && c.incoming() != null && c.incoming().https()),
  /** Payload encryption changes either way. */
  ENCRYPTION(c -> c.has(ChangeKind.ENCRYPTION_TOGGLED)),
  /** A row is linked to a registered terminal without a device id. */
  LINK(c -> c.has(ChangeKind.LINKED)),
  /** The display name changes. */
  NAME(c -> c.has(ChangeKind.NAME_CHANGED)),
  /** A device not registered yet. */
  NEW(c -> c.has(ChangeKind.NEW));

  private final Predicate<DeviceChange> matches;

  ReviewRule(Predicate<DeviceChange> matches) {
    this.matches = matches;
  }

  /** Whether {@code change} is of this kind. */
  public boolean matches(DeviceChange change) {
    return matches.test(change);
  }
}
