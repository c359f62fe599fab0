/**
 * Intake of QFPay asynchronous notifications (protocol doc §7): signature verification over the raw
 * body bytes with a ring of keys, tolerant parsing, the sender allow-list, and the intake service
 * that stores each notification durably before it is acknowledged.
 */
package io.ecrhub.notify.intake;
