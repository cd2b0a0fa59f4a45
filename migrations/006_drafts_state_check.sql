-- The same rule on a draft's state, written as a chain of comparisons: an
-- IN list of six builds a temporary table for every row written, which
-- cost a draft day a tenth of its time (two draft writes per draft). SQLite
-- changes no CHECK in place, so the table is copied.
CREATE TABLE drafts_new (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    month           TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state = 'sending' OR state = 'retry' OR state = 'paid'
                                        OR state = 'failed' OR state = 'skipped' OR state = 'cancelled'),
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
INSERT INTO drafts_new (id, account_id, month, state, tries, retries, first_failed_on, next_try_on, note,
                        created_on, updated_on)
    SELECT id, account_id, month, state, tries, retries, first_failed_on, next_try_on, note, created_on, updated_on
    FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
CREATE INDEX drafts_sending ON drafts(account_id) WHERE state = 'sending';
CREATE INDEX drafts_retry ON drafts(next_try_on) WHERE state = 'retry';
