-- Accounts, rate periods, payments and the audit log.
-- Money is INTEGER cents; dates are TEXT YYYY-MM-DD, months YYYY-MM.

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    handle      TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    member_id   TEXT,
    email       TEXT,
    phone       TEXT,
    created_on  TEXT NOT NULL
);

-- Append-only: a renewal or a life event adds a row; for the same month the
-- row with the higher id wins. kind 'end' is a voluntary end from from_month.
CREATE TABLE rate_periods (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    line          TEXT NOT NULL CHECK (line IN ('health', 'dental')),
    from_month    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('rate', 'end')),
    premium_cents INTEGER CHECK (premium_cents >= 0),
    aptc_cents    INTEGER CHECK (aptc_cents >= 0),
    slcsp_cents   INTEGER CHECK (slcsp_cents >= 0),
    program       TEXT,
    plan          TEXT,
    carrier       TEXT,
    recorded_on   TEXT NOT NULL
);
CREATE INDEX rate_periods_by_account ON rate_periods(account_id);

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    created_on      TEXT NOT NULL,
    paid_on         TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    line            TEXT CHECK (line IN ('health', 'dental')),
    status          TEXT NOT NULL,
    failure_code    TEXT,
    method_id       INTEGER,
    via             TEXT,
    confirmation    TEXT,
    idempotency_key TEXT,
    memo            TEXT,
    reversed_on     TEXT
);
CREATE INDEX payments_by_account ON payments(account_id, paid_on);
CREATE UNIQUE INDEX payments_by_confirmation ON payments(account_id, confirmation)
    WHERE confirmation IS NOT NULL;
-- One payment per idempotency key. Recorded payments have none: partial
-- indexes keep bulk imports from paying for entries they never use.
CREATE UNIQUE INDEX payments_by_key ON payments(idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- What every command that changed the ledger did. Never a secret.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    account_id  INTEGER,
    command     TEXT NOT NULL,
    detail      TEXT NOT NULL
);
CREATE INDEX audit_by_account ON audit(account_id);
