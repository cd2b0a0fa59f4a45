-- Autopay, the scheduler and the alert outbox (issue 8).

-- A bank charge the gateway says will come back (an ACH return) on this
-- date: `scheduler run` moves it to `returned` when the day comes.
ALTER TABLE payments ADD COLUMN returns_on TEXT;
CREATE INDEX payments_returning ON payments(returns_on) WHERE returns_on IS NOT NULL AND status = 'succeeded';
-- Attempts whose answer has not come: settled first by every run.
CREATE INDEX payments_in_flight ON payments(account_id) WHERE status IN ('pending', 'unknown');
-- The accounts whose premium may change in a month (checked on its statement day).
CREATE INDEX rate_periods_by_month ON rate_periods(from_month);

-- Autopay settings: one row per account that ever enabled it.
CREATE TABLE autopay (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts(id),
    enabled        INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    method_id      INTEGER NOT NULL REFERENCES methods(id),
    fallback_id    INTEGER REFERENCES methods(id),
    -- NULL: the policy's autopay_draft_day.
    draft_day      INTEGER CHECK (draft_day BETWEEN 1 AND 28),
    amount_mode    TEXT NOT NULL CHECK (amount_mode IN ('due', 'premium', 'fixed')),
    fixed_cents    INTEGER CHECK (fixed_cents > 0),
    -- The first coverage month autopay pays.
    start_month    TEXT NOT NULL,
    -- No draft before this day (enabled after a draft day with a bill open: the next day).
    first_draft_on TEXT NOT NULL,
    -- Counts enables and disables: each is its own alert cause.
    version        INTEGER NOT NULL,
    changed_on     TEXT NOT NULL,
    CHECK ((amount_mode = 'fixed') = (fixed_cents IS NOT NULL))
);
-- The accounts a day's run drafts: found by their day, never by a scan.
CREATE INDEX autopay_by_day ON autopay(draft_day) WHERE enabled = 1;
CREATE INDEX autopay_by_first_draft ON autopay(first_draft_on) WHERE enabled = 1;

-- One row per account and coverage month that autopay came to: drafted
-- (try by try, keys `autopay:ACCOUNT:MONTH:TRY`), or decided not to.
--   sending   try `tries` is recorded and may not be settled yet
--   retry     a try failed; the next is due on next_try_on
--   paid      the last try succeeded (a bank return may reopen it)
--   failed    no retry left (or every method hard-declined)
--   skipped   nothing to draft on its day (paid, covered, void, not billed)
--   cancelled autopay was turned off while a retry was due
CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    month           TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('sending', 'retry', 'paid', 'failed', 'skipped', 'cancelled')),
    tries           INTEGER NOT NULL DEFAULT 0,
    -- Retry days used; retries count from first_failed_on (the first decline, or the return).
    retries         INTEGER NOT NULL DEFAULT 0,
    first_failed_on TEXT,
    next_try_on     TEXT,
    note            TEXT,
    created_on      TEXT NOT NULL,
    updated_on      TEXT NOT NULL,
    UNIQUE (account_id, month)
);
CREATE INDEX drafts_sending ON drafts(account_id) WHERE state = 'sending';
CREATE INDEX drafts_retry ON drafts(next_try_on) WHERE state = 'retry';

-- Every `scheduler run`: what it did and the day it brought the ledger to.
CREATE TABLE scheduler_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    as_of       TEXT NOT NULL,
    -- The days it did; `through` moves as each day is done, so the next run
    -- starts the day after, even after a crash.
    first_day   TEXT,
    through     TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'declined', 'unknown', 'failed')),
    drafts      INTEGER NOT NULL DEFAULT 0,
    succeeded   INTEGER NOT NULL DEFAULT 0,
    declined    INTEGER NOT NULL DEFAULT 0,
    returned    INTEGER NOT NULL DEFAULT 0,
    settled     INTEGER NOT NULL DEFAULT 0,
    alerts      INTEGER NOT NULL DEFAULT 0,
    delivered   INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);

-- The alert outbox: raised once per cause, delivered once per channel.
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts(id),
    kind        TEXT NOT NULL,
    cause       TEXT NOT NULL UNIQUE,
    created_on  TEXT NOT NULL,
    message     TEXT NOT NULL,
    acked_on    TEXT
);
CREATE INDEX alerts_open ON alerts(account_id) WHERE acked_on IS NULL;

-- One row per alert and channel (stdout now; email, webhook, command next),
-- retried on a later run until delivered.
CREATE TABLE alert_deliveries (
    alert_id     INTEGER NOT NULL REFERENCES alerts(id),
    channel      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    delivered_at TEXT,
    PRIMARY KEY (alert_id, channel)
);
CREATE INDEX deliveries_waiting ON alert_deliveries(channel, alert_id) WHERE state != 'delivered';
