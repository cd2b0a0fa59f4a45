-- Payment methods, refunds, and the sandbox gateway's own state.

-- A bank account or card. Only the gateway's token and the last four digits
-- are kept: never a full number.
CREATE TABLE methods (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    kind            TEXT NOT NULL CHECK (kind IN ('bank', 'card')),
    nickname        TEXT,
    brand           TEXT NOT NULL,
    last4           TEXT NOT NULL CHECK (length(last4) = 4),
    exp             TEXT,
    holder          TEXT NOT NULL,
    zip             TEXT,
    routing         TEXT,
    state           TEXT NOT NULL,
    token           TEXT NOT NULL,
    is_default      INTEGER NOT NULL DEFAULT 0,
    verify_attempts INTEGER NOT NULL DEFAULT 0,
    created_on      TEXT NOT NULL,
    updated_on      TEXT NOT NULL
);
CREATE INDEX methods_by_account ON methods(account_id);

ALTER TABLE payments ADD COLUMN settled_on TEXT;
-- Wall-clock seconds when a charge was started: an attempt younger than the
-- gateway's answer window may still be in flight in another process.
ALTER TABLE payments ADD COLUMN started_at INTEGER;
ALTER TABLE payments ADD COLUMN void_reason TEXT;
ALTER TABLE payments ADD COLUMN reference TEXT;

-- Credit given back to a method.
CREATE TABLE refunds (
    id              INTEGER PRIMARY KEY,
    payment_id      INTEGER NOT NULL REFERENCES payments(id),
    refunded_on     TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    status          TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    reference       TEXT
);
CREATE INDEX refunds_by_payment ON refunds(payment_id);

-- The sandbox gateway keeps its side in the ledger file, so a charge can be
-- looked up by its key from another process (after a crash, say).
CREATE TABLE sandbox_tokens (
    token           TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    behaviour       TEXT NOT NULL
);
CREATE TABLE sandbox_charges (
    idempotency_key TEXT PRIMARY KEY,
    token           TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('charge', 'refund')),
    status          TEXT NOT NULL,
    failure_code    TEXT,
    reference       TEXT NOT NULL,
    charged_on      TEXT NOT NULL,
    returns_on      TEXT
);
