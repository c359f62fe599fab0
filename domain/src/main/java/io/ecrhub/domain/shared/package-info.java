/**
 * Shared kernel: money, validation errors, secrets and the cross-cutting ports (unit of work,
 * events, sealing, ids).
 *
 * <p>Invariants: money is never a binary floating point number; a {@link
 * io.ecrhub.domain.shared.Money} always carries its currency and never has more decimals than the
 * currency allows. Secret values never appear in {@code toString()}.
 */
package io.ecrhub.domain.shared;
