/**
 * API access: the keys clients authenticate with, their role (admin or cashier) and scope (the
 * stores and terminals they reach), and the use case that manages them.
 *
 * <p>Invariants: a key's plaintext is returned once, at creation, and never stored (only its
 * SHA-256 and a short display prefix); a revoked key stays listed, revoked, and is refused at once.
 */
package io.ecrhub.domain.access;
