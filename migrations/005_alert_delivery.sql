-- Real delivery channels (issue 9): a delivery that fails stays `pending`
-- and is retried by each later run; after 7 days of failures (by the hcpay
-- clock, from first_failed_on) it is given up as `failed`.
ALTER TABLE alert_deliveries ADD COLUMN first_failed_on TEXT;
-- Before this, `failed` meant "retried next run": it is `pending` now, and
-- its 7 days count from its next failure.
UPDATE alert_deliveries SET state = 'pending' WHERE state = 'failed';
DROP INDEX deliveries_waiting;
CREATE INDEX deliveries_pending ON alert_deliveries(channel, alert_id) WHERE state = 'pending';
