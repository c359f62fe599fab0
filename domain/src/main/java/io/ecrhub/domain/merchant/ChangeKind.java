package io.ecrhub.domain.merchant;

/** What differs between a device row of MMS and the registry's terminal. */
public enum ChangeKind {
  /** The device is not in the registry yet. */
  NEW,
  /** The only registered terminal without a device id at the row's IP: the row is linked to it. */
  LINKED,
  /** The POS key differs (compared in constant time; never shown). */
  KEY_CHANGED,
  /** MMS "Enable Https" differs from the terminal's transport (HTTP vs HTTPS). */
  HTTPS_TOGGLED,
  /** MMS encryption toggle differs from the terminal's setting. */
  ENCRYPTION_TOGGLED,
  /** The row names a different IP than the registry. */
  IP_CHANGED,
  /** The row names the device differently. */
  NAME_CHANGED,
  /** The registry has the device but the source no longer lists it. */
  REMOVED
}
