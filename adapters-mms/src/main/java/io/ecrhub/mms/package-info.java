/**
 * MMS configuration sources: the "POS Key List" imported from CSV or JSON (file or upload), and a
 * generic HTTP pull source for partners with an API. QFPay publishes no MMS API (protocol doc §10),
 * so these are the ways configuration enters the hub.
 *
 * <p>Invariants: a bad row is reported with its row number, field and reason and never quotes a
 * cell (a shifted column could carry a POS key); good rows are still delivered; credentials of the
 * pull source never appear in messages or names.
 */
package io.ecrhub.mms;
