-- The console's overview (GET /api/v1/overview) finds payments and refunds flagged for review
-- through their review events rather than by scanning review_note.
CREATE INDEX transaction_event_type_idx ON transaction_event (type, aggregate_id);
