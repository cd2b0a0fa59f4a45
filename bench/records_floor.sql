-- records_floor: the least a month's drafts must write into the ledger, as pure
-- set-based SQL with no application code, timed on a copy of the ledger in the
-- state the timed `scheduler run` starts from. Per autopay account: the pending
-- payment under its idempotency key, committed before the charge is sent
-- (DESIGN §5); the sandbox gateway's own record of the charge (its state lives
-- in the ledger); the payment settled; its `payment_succeeded` alert (§7) with
-- one stdout delivery row (the outbox). Three transactions, full sync, as a
-- crash-safe run needs at the least. What it leaves out, and hcpay writes:
-- the bill's draft row (tries, retries), audit lines, the autopay_scheduled
-- alert, the delivery marked delivered, and the replay that decides each amount.
-- @DAY@ and @MONTH@ are replaced by run.sh (the draft day and the month drafted).
PRAGMA synchronous = full;
CREATE TEMP TABLE mark AS SELECT (SELECT coalesce(max(id), 0) FROM payments) AS id,
                                  (SELECT coalesce(max(id), 0) FROM alerts) AS alert_id;
BEGIN;
INSERT INTO payments (account_id, created_on, paid_on, amount_cents, status, method_id, via, idempotency_key)
    SELECT a.account_id, '@DAY@', '@DAY@', 20200, 'pending', a.method_id, 'autopay',
           'autopay:' || c.handle || ':@MONTH@:1'
    FROM autopay a JOIN accounts c ON c.id = a.account_id WHERE a.enabled = 1;
COMMIT;
BEGIN;
INSERT INTO sandbox_charges (idempotency_key, token, amount_cents, kind, status, reference, charged_on)
    SELECT p.idempotency_key, m.token, p.amount_cents, 'charge', 'succeeded', 'ch_' || p.id, '@DAY@'
    FROM payments p JOIN methods m ON m.id = p.method_id WHERE p.id > (SELECT id FROM mark);
COMMIT;
BEGIN;
UPDATE payments SET status = 'succeeded', confirmation = 'ch_' || id, settled_on = '@DAY@'
    WHERE id > (SELECT id FROM mark);
INSERT INTO alerts (account_id, kind, cause, created_on, message)
    SELECT p.account_id, 'payment_succeeded', 'payment_succeeded:' || p.id, '@DAY@',
           c.handle || ': autopay paid $' || (p.amount_cents / 100) || '.00 for @MONTH@ from Visa ending 4242 (payment '
           || p.id || '); the receipt: hcpay --account ' || c.handle || ' receipt ' || p.id
    FROM payments p JOIN accounts c ON c.id = p.account_id WHERE p.id > (SELECT id FROM mark);
INSERT INTO alert_deliveries (alert_id, channel, state)
    SELECT id, 'stdout', 'pending' FROM alerts WHERE id > (SELECT alert_id FROM mark);
COMMIT;
