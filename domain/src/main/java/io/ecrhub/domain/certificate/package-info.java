/**
 * Certificates: the trust anchors for terminal TLS (QFPay's CA plus operator-configured CAs), the
 * facts the hub records about terminal leaves, and per-terminal pins.
 *
 * <p>Invariants: QFPay's CA is only trusted when its SHA-256 equals the published fingerprint;
 * trust is never "all"; once a leaf is pinned, a different leaf is refused until an operator
 * approves it.
 */
package io.ecrhub.domain.certificate;
