/**
 * Merchant configuration: what the QFPay merchant portal (MMS) says about each device (POS key,
 * HTTPS and encryption toggles), how it is imported and how it is reconciled with the registry.
 *
 * <p>Invariants: a sync applies all good rows or none of a row; bad rows are reported with their
 * reason; every applied change is audited.
 */
package io.ecrhub.domain.merchant;
