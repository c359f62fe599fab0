/**
 * Transactions: payments and refunds with explicit state machines, the refund rules, and the use
 * cases that run them through terminals and reconcile them.
 *
 * <p>Invariants: every transition is a method with a reason and illegal transitions are refused;
 * {@code FAILED} means the request provably never reached the terminal, {@code UNKNOWN} means it
 * may have and must be reconciled; a payment is never sent twice; refunds never exceed the
 * refundable amount.
 */
package io.ecrhub.domain.transaction;
