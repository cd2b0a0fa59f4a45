-- A refund is an attempt to move money like a charge, settled by the same
-- steps: it keeps the same facts about its answer.
ALTER TABLE refunds ADD COLUMN failure_code TEXT;
ALTER TABLE refunds ADD COLUMN settled_on TEXT;
-- Wall-clock seconds when it was sent (see payments.started_at).
ALTER TABLE refunds ADD COLUMN started_at INTEGER;
