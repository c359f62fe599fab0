package io.ecrhub.app.api;

import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;

/**
 * The payment or refund a path names, read only once the caller's key is known to cover its
 * terminal: every resource that shows one checks it the same way (404 when there is none, 403
 * OUT_OF_SCOPE when the key's scope leaves its terminal out).
 */
final class Covered {
  private Covered() {}

  static Payment payment(CallerContext caller, PaymentQueries queries, String id) {
    Payment p = queries.payment(Inputs.paymentInPath(id));
    caller.requireCovered(queries.covers(caller.caller().scope(), p.terminalId()), "payment");
    return p;
  }

  static Refund refund(CallerContext caller, PaymentQueries queries, String id) {
    Refund r = queries.refund(Inputs.refundInPath(id));
    caller.requireCovered(queries.covers(caller.caller().scope(), r.terminalId()), "refund");
    return r;
  }
}
