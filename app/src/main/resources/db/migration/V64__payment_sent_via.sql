-- Which transport carried a payment's request (ADR 0022): its terminal's own (HTTPS, HTTP, TCP,
-- SERIAL, CLOUD), or CLOUD when a LAN terminal's attempt was provably not sent and the payment was
-- pushed through QFPay's cloud instead. NULL for payments recorded before the hub kept it.
ALTER TABLE payment ADD COLUMN sent_via VARCHAR(10);
