package io.ecrhub.domain.diagnostics;

import java.time.Instant;

/**
 * What the hub knows about QFPay notifications for a terminal's merchant.
 *
 * @param keyConfigured a notification key is configured for the merchant (so notifications can be
 *     verified)
 * @param notificationUrl the URL QFPay support should be given, or null when unknown
 * @param lastVerifiedAt when the last notification with a valid signature arrived, or null
 */
public record NotificationFacts(
    boolean keyConfigured, String notificationUrl, Instant lastVerifiedAt) {}
