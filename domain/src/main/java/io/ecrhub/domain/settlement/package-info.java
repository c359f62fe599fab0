/**
 * The daily statement (issue #14 use 5): the hub's ledger for one business day compared with
 * QFPay's cloud record of the same day.
 *
 * <p>Invariants: amounts are compared exactly ({@link io.ecrhub.domain.shared.Money}, currency
 * included); only money that moved counts (a hub transaction SUCCEEDED, a QFPay record {@code
 * 0000}); a pair of records belongs to the day of the hub's record, an unpaired record to the day
 * of its own time, so each transaction is reported on exactly one day; a report is either complete
 * or not made (a cloud page that cannot be read fails the whole report).
 */
package io.ecrhub.domain.settlement;
