package io.ecrhub.domain.merchant;

import java.time.Instant;

/** What MMS last said about a device's toggles (never its key), and when the hub learned it. */
public record MmsDeviceSetting(
    String deviceId, boolean https, boolean encryption, String source, Instant seenAt) {}
