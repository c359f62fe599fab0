/**
 * Outbound fan-out to the merchant's other systems: QFPay-compatible re-signing, Standard Webhooks
 * signing, the SSRF guard on targets, the JDK HTTP sender and the recorder that puts messages in
 * the durable outbox.
 */
package io.ecrhub.notify.delivery;
