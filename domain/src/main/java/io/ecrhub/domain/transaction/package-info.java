/**
 * Transactions: payments and refunds with explicit state machines, the refund rules, and the use
 * cases that run them through terminals and reconcile them.
 *
 * <p>Invariants: every transition is a method with a reason and illegal transitions are refused;
 * {@code FAILED} means the request provably never reached the terminal, {@code UNKNOWN} means it
 * may have and must be reconciled; a payment is never sent twice; refunds never exceed the
 * refundable amount; a terminal answer settles only the transaction it names (ADR 0007:
 * out_trade_no, orig_syssn or syssn, amount, currency), missing identifiers are tolerated only from
 * an authenticated peer (pinned HTTPS, serial), and every settlement records what vouches for it
 * ({@link io.ecrhub.domain.transaction.ConfirmedBy}).
 *
 * <p>How the use cases ({@link io.ecrhub.domain.transaction.PaymentService}, {@link
 * io.ecrhub.domain.transaction.Reconciler}) keep them: a trade or refund is committed IN_PROGRESS
 * under the terminal's lease before it is sent; no database transaction spans terminal I/O; the
 * answer is applied in a new unit of work that reloads and re-evaluates on a concurrent change;
 * events are published in the unit of work of the change (stored with it, pushed after commit);
 * UNKNOWN is settled only by a definite query answer (or a notification), on a backoff, and after
 * 24 h is left for an operator, never turned into FAILED.
 */
package io.ecrhub.domain.transaction;
