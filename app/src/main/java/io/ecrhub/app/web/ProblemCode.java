package io.ecrhub.app.web;

/**
 * The catalogue of every {@code code} a problem document can carry: its HTTP status and what it
 * means. The OpenAPI schema's {@code Problem.code} enum and docs/errors.md are built from it, and
 * {@code ProblemCodeCatalogueTest} fails when the code base raises a code that is not listed here
 * (or lists one nothing raises). The codes are raised as literals by the domain (which cannot see
 * this class) and by the app; the catalogue is where a partner, and a reviewer, finds them all.
 */
public enum ProblemCode {
  // Authentication and authorisation (ADR 0008)
  UNAUTHENTICATED(401, "No API key: send Authorization: Bearer <api-key>"),
  INVALID_API_KEY(401, "The API key is unknown, revoked or not a bearer header"),
  ADMIN_REQUIRED(403, "The operation needs an admin API key"),
  UNSCOPED_ADMIN_REQUIRED(
      403, "The operation acts on the whole fleet: it needs an unscoped admin key"),
  ACCESS_DENIED(403, "The operation is not open to API keys"),
  OUT_OF_SCOPE(403, "The key's scope does not cover the terminal, payment or filter"),

  // Request shape (any endpoint)
  BODY_REQUIRED(400, "The endpoint needs a JSON body"),
  FIELD_REQUIRED(400, "A required field is missing ('field' names it)"),
  INVALID_BODY(400, "The body is not a JSON object, or does not fit the endpoint"),
  MALFORMED_JSON(400, "The body is not valid JSON"),
  UNKNOWN_FIELD(400, "The body has a field the endpoint does not know ('field' names it)"),
  INVALID_FIELD_TYPE(400, "A field has the wrong JSON type ('field' names it)"),
  INVALID_CURSOR(400, "The cursor is not one the hub handed out"),
  INVALID_LIMIT(400, "limit is not a number in the allowed range"),
  INVALID_TIME(400, "A time filter is not ISO-8601"),
  INVALID_STATUS(400, "A status filter is not one of the listed statuses"),
  INVALID_RANGE(400, "A range filter's lower bound is above its upper bound (from/to, amounts)"),
  INVALID_LAST_EVENT_ID(400, "Last-Event-ID is not an event sequence number"),
  INVALID_IDEMPOTENCY_KEY(400, "Idempotency-Key is empty or longer than 100 characters"),
  HTTP_400(400, "A request the HTTP layer refused before the hub read it (e.g. a bad parameter)"),
  NOT_FOUND(404, "No such resource (path)"),
  METHOD_NOT_ALLOWED(405, "The resource does not allow that method (see Allow)"),
  NOT_ACCEPTABLE(406, "The resource cannot answer in the media type asked for"),
  PAYLOAD_TOO_LARGE(413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Send the body as Content-Type: application/json"),
  TOO_MANY_STREAMS(429, "The key holds ecrhub.security.max-streams-per-key event streams already"),
  INTERNAL_ERROR(500, "An unexpected error; the detail carries a reference for an operator"),
  SECRET_UNREADABLE(500, "A stored secret cannot be opened with the configured master key"),

  // Values (the domain's self-validating value objects)
  INVALID_AMOUNT(400, "The amount is not a positive amount of the currency's minor units"),
  INVALID_CURRENCY(400, "Not an ISO-4217 currency code"),
  INVALID_CURRENCIES(400, "The terminal's currency list is not a list of ISO-4217 codes"),
  CURRENCY_MISMATCH(400, "Amounts in different currencies, or a refund in another currency"),
  INVALID_CHANNEL(400, "Not a payment channel the hub knows"),
  INVALID_PAYMENT_ID(400, "Not a payment id"),
  INVALID_REFUND_ID(400, "Not a refund id"),
  INVALID_TERMINAL_ID(400, "Not a terminal id"),
  INVALID_OUT_TRADE_NO(400, "Not a valid out_trade_no"),
  INVALID_SYSSN(400, "Not a valid QFPay transaction number (syssn)"),
  INVALID_REFERENCE(
      400, "The payment reference is too long or has characters the terminal refuses"),
  INVALID_NAME(400, "The name is empty or too long"),
  INVALID_DESCRIPTION(400, "The description is too long"),
  INVALID_DEVICE_ID(400, "Not a terminal device id (serial number)"),
  INVALID_MODEL(400, "Not a terminal model the hub knows"),
  INVALID_TRANSPORT(400, "Not a terminal transport (HTTPS, HTTP, TCP, SERIAL, CLOUD)"),
  INVALID_HOST(400, "Not a host name or IP address"),
  INVALID_PORT(400, "Not a TCP port"),
  INVALID_STORE_ID(400, "Not a store id"),
  INVALID_POS_KEY(400, "Not a POS key (32 hex characters)"),
  DEFAULT_POS_KEY_REFUSED(400, "The terminal still has the factory POS key; set its own first"),
  INVALID_APP_VERSION(400, "Not a terminal app version"),
  INVALID_TIMEOUT(400, "The terminal command timeout is out of range"),
  INVALID_QUERY(400, "A terminal query without a transaction to look for"),
  INVALID_ROLE(400, "Not an API key role"),
  INVALID_SCOPE(400, "The API key scope names no store or terminal correctly"),
  INVALID_FINGERPRINT(400, "Not a SHA-256 certificate fingerprint"),
  INVALID_CLIENT_KEY(400, "Not a QFPay cloud client key"),
  INVALID_CLOUD_ENDPOINT(
      400,
      "Give a QFPay environment (production, live-test, sandbox) or an https:// url, not both"),
  INVALID_APP_CODE(400, "Not a QFPay app code (1-64 of letters, digits, . _ ~ -)"),
  INVALID_MCHID(400, "Not a QFPay mchid (1-64 of letters, digits, . _ ~ -)"),
  INVALID_SIGN_TYPE(400, "signType must be MD5 or SHA256"),
  INVALID_CLOUD_QUERY(400, "A QFPay cloud query without a transaction to look for"),
  INVALID_CLOUD_REFUND(400, "A QFPay cloud refund the cloud API cannot express"),

  // Terminals
  TERMINAL_NOT_FOUND(404, "No such terminal"),
  CLOUD_ACCOUNT_NOT_FOUND(404, "No such QFPay cloud account of a store"),
  CLOUD_ACCOUNT_EXISTS(409, "The store has a QFPay cloud account already; change it instead"),
  DUPLICATE_DEVICE_ID(409, "Another terminal is registered with that device id"),
  TERMINAL_IN_USE(409, "A payment on the terminal is still in flight"),
  TERMINAL_DISABLED(409, "The terminal is disabled"),
  TERMINAL_BUSY(409, "The terminal is serving another request"),
  DEVICE_ID_REQUIRED(400, "A CLOUD terminal or a cloud fallback needs the terminal's deviceId"),
  INVALID_CLOUD_FALLBACK(400, "cloudFallback is for LAN terminals, not CLOUD ones"),
  CHANNEL_NOT_SUPPORTED(422, "The terminal model cannot take that channel"),
  CURRENCY_NOT_SUPPORTED(422, "The terminal does not take that currency"),
  HTTPS_NEEDS_NEWER_APP(422, "The terminal's app version cannot speak HTTPS"),
  NOTHING_TO_PRINT(422, "The terminal has no receipt to print for that request"),
  PAYMENT_ON_OTHER_TERMINAL(422, "The payment was taken on another terminal"),
  CERTIFICATE_FINGERPRINT_MISMATCH(409, "The pending certificate is not the one the admin checked"),
  NO_PENDING_CERTIFICATE(409, "The terminal has no pending certificate to approve"),

  // What a terminal answered (TerminalOutcomes)
  TERMINAL_UNREACHABLE(503, "The terminal could not be reached; the request provably never left"),
  TERMINAL_NO_ANSWER(504, "The terminal did not answer in time"),
  TERMINAL_REFUSED(422, "The terminal declined the request"),
  TERMINAL_PROTOCOL_ERROR(502, "The terminal answered something the hub cannot read"),
  TERMINAL_LOGGED_OUT(502, "The terminal's operator is logged out"),
  TERMINAL_KEY_MISMATCH(502, "The terminal's POS key differs from the one the hub holds"),
  CANCELLED_ON_TERMINAL(409, "The request was cancelled on the terminal"),
  NOT_ON_TERMINAL(422, "The terminal does not know the transaction"),

  // Payments and refunds
  HUB_DRAINING(503, "This hub instance is shutting down; retry (another instance takes it)"),
  PAYMENT_NOT_FOUND(404, "No such payment"),
  REFUND_NOT_FOUND(404, "No such refund"),
  PAYMENT_NOT_CANCELLABLE(409, "The payment is already final"),
  CANCEL_NOT_DELIVERED(502, "The terminal did not take the cancel request"),
  ILLEGAL_TRANSITION(409, "The payment or refund cannot move to that state"),
  CONCURRENT_MODIFICATION(409, "Someone else changed the resource at the same time; retry"),
  PAYMENT_NOT_REFUNDABLE(422, "The payment did not succeed, so it cannot be refunded"),
  NOTHING_TO_REFUND(422, "The payment is refunded in full already"),
  REFUND_EXCEEDS_REFUNDABLE(
      422, "The refund is larger than what is left to refund (the hub's count, or QFPay's 1272)"),
  REFUND_NOT_SUPPORTED(422, "The terminal cannot refund that payment"),
  CARD_REFUND_MUST_BE_FULL(422, "Card payments can only be refunded in full on the terminal"),
  CARD_REFUND_NOT_SAME_DAY(422, "Card payments can only be refunded on the terminal the same day"),
  INVALID_REFUND_ROUTE(400, "The refund route is not auto, terminal or cloud"),
  REFUND_WINDOW_CLOSED(
      422, "QFPay takes no refunds 23:30-00:30 Hong Kong time (1265); reopensAt says when"),
  REFUND_INSUFFICIENT_BALANCE(
      422, "The merchant's same-day balance at QFPay does not cover the refund (1269)"),
  PARTIAL_REFUND_NOT_ALLOWED(422, "QFPay does not allow a partial refund of it (1270/1271)"),
  NOT_IN_CLOUD(422, "QFPay's cloud has no such transaction (1136)"),
  CLOUD_REFUND_DECLINED(422, "QFPay's cloud declined the refund with another code (see refund)"),
  CLOUD_UNREACHABLE(503, "QFPay's cloud could not be reached; the refund was not sent"),
  IDEMPOTENCY_CONFLICT(409, "The Idempotency-Key was used for another request"),
  IDEMPOTENCY_KEY_IN_USE(409, "A request under the same Idempotency-Key is still running"),
  IDEMPOTENCY_KEY_REUSED(409, "The Idempotency-Key was used for another request"),

  // API keys, secrets
  API_KEY_NOT_FOUND(404, "No such API key"),

  // QFPay notifications (POST /qfpay/notify, ADR 0006/0009) and their administration
  BAD_SIGNATURE(401, "X-QF-SIGN is missing or wrong"),
  SENDER_NOT_ALLOWED(403, "The sender address is not on the allow-list"),
  MALFORMED_NOTIFICATION(400, "Not a QFPay notification"),
  STORAGE_UNAVAILABLE(503, "The notification could not be stored; QFPay retries"),
  INTAKE_BUSY(503, "The notification intake is at its budget; QFPay retries"),
  NOTIFICATION_NOT_FOUND(404, "No such stored notification"),
  NOTIFICATION_NOT_APPLICABLE(422, "The notification matches no payment or refund to apply it to"),
  NOTIFICATION_TYPE_NOT_APPLIED(422, "The hub does not apply notifications of that type"),
  INVALID_NOTIFICATION_KEY(400, "Not a QFPay notification key"),
  INVALID_KEY_ID(400, "Not a notification key id"),
  INVALID_ROUTE(400, "Not a notification route"),
  KEY_EXISTS(409, "That notification key is registered already"),
  KEY_NOT_FOUND(404, "No such notification key"),

  // Webhooks
  SUBSCRIPTION_NOT_FOUND(404, "No such webhook subscription"),
  DELIVERY_NOT_FOUND(404, "No such webhook delivery"),
  INVALID_SUBSCRIPTION_ID(400, "Not a webhook subscription id"),
  INVALID_TARGET(400, "The webhook target is not an http(s) URL the hub may call"),
  INVALID_SECRET(400, "The webhook signing secret is not a Standard Webhooks secret"),
  SECRET_ROTATION_UNSUPPORTED(
      422, "Only hub-events subscriptions rotate; a qfpay one keeps the consumer's own key"),
  INVALID_EVENT_FILTER(400, "The event filter names an unknown event type"),
  INVALID_FORMAT(400, "Not a known delivery or import format"),
  INVALID_BACKOFF(400, "The retry schedule is not a list of increasing durations"),
  ILLEGAL_DELIVERY_TRANSITION(409, "The delivery cannot move to that state"),
  TARGET_REFUSED(
      422,
      "The webhook target is not allowed (a private or loopback address without allowPrivate,"
          + " or not usable)"),

  // The daily statement (ADR 0023)
  INVALID_DATE(400, "The date is not a day (YYYY-MM-DD), or that business day has not begun"),
  CLOUD_NOT_CONFIGURED(422, "The operation needs a QFPay cloud account (ecrhub.qfpay.cloud.*)"),
  CLOUD_UNAVAILABLE(503, "QFPay's cloud could not be read in full; try again later"),
  STATEMENT_TOO_LARGE(
      422, "The day has more transactions than ecrhub.reports.settlement.* allows to read"),
  SETTLEMENT_RUN_NOT_FOUND(404, "No such stored settlement run"),

  // MMS configuration sync
  MMS_SOURCE_NOT_CONFIGURED(409, "No MMS source is configured on this hub"),
  CONFIG_SOURCE_UNAVAILABLE(503, "The MMS source could not be reached"),
  CONFIG_SOURCE_INVALID(422, "The MMS source answered something the hub cannot read"),
  NEW_DEVICE_WITHOUT_IP(422, "A new device in the import has no IP address"),
  HELD_SYNC_NOT_FOUND(404, "No such held sync"),
  HELD_SYNC_RESOLVED(409, "The held sync was approved or rejected already");

  private final int status;
  private final String meaning;

  ProblemCode(int status, String meaning) {
    this.status = status;
    this.meaning = meaning;
  }

  /** The HTTP status a problem with this code is answered with. */
  public int status() {
    return status;
  }

  /** What the code means, for people. */
  public String meaning() {
    return meaning;
  }
}
