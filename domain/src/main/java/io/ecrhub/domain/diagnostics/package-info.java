/**
 * Diagnostics: QFPay's ECR HTTPS checklist and troubleshooting list as checks the hub (and the
 * doctor CLI) run itself, each with a verdict (PASS / WARN / FAIL / SKIPPED), the evidence and the
 * fix.
 *
 * <p>Invariants: diagnostics never move money (the only ECR request is a query for an order that
 * does not exist); every network step has a short timeout; evidence never contains a secret; the
 * evaluation is pure (same observations and time, same verdicts).
 */
package io.ecrhub.domain.diagnostics;
