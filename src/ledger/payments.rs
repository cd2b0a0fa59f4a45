//! Payments: money sent or recorded, and the facts the coverage rules need.

use std::collections::HashMap;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{choice_col, date_col, opt_choice_col, opt_date_col, Ids};
use crate::clock::Clock;
use crate::core::billing::Line;
use crate::core::coverage::PaymentFacts;
use crate::core::dates::iso;
use crate::core::money::Money;
use crate::core::payment::{PaymentStatus, Via};

/// The failure code of an attempt its gateway never received.
pub const NOT_RECEIVED: &str = "not_received";

/// Statuses whose money counts toward bills (a return moves it out from its
/// date, refunds from theirs).
pub const COUNTED: &str = "('succeeded', 'returned', 'refunded')";

/// A payment made elsewhere (check, portal, phone...), recorded as proof.
#[derive(Debug, Clone)]
pub struct RecordedPayment {
    pub account_id: i64,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub line: Option<Line>,
    pub confirmation: String,
    pub via: Option<Via>,
    pub memo: Option<String>,
}

/// Why a recorded payment could not be inserted.
#[derive(Debug)]
pub enum InsertError {
    DuplicateConfirmation,
    Other(anyhow::Error),
}

pub fn insert_recorded(conn: &Connection, p: &RecordedPayment, today: NaiveDate) -> Result<i64, InsertError> {
    let result = conn
        .prepare_cached(
            "INSERT INTO payments (account_id, created_on, paid_on, amount_cents, line, status, via, confirmation, memo)
             VALUES (?1, ?2, ?3, ?4, ?5, 'succeeded', ?6, ?7, ?8)",
        )
        .and_then(|mut stmt| {
            stmt.execute(params![
                p.account_id,
                iso(today),
                iso(p.paid_on),
                p.amount.cents(),
                p.line.map(Line::as_str),
                p.via.map(Via::as_str),
                p.confirmation,
                p.memo,
            ])
        });
    match result {
        Ok(_) => Ok(conn.last_insert_rowid()),
        // Only the unique index on (account, confirmation): any other
        // constraint is no duplicate and is reported as it is.
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            Err(InsertError::DuplicateConfirmation)
        }
        Err(e) => Err(InsertError::Other(e.into())),
    }
}

/// Statuses of attempts whose answer has not come yet: money on its way.
pub const IN_FLIGHT: &str = "('pending', 'unknown')";

/// The payments whose money counts, as the coverage rules see them.
pub fn facts_for(conn: &Connection, account_id: i64) -> Result<Vec<PaymentFacts>> {
    let mut facts = facts_where(conn, Ids::One(account_id), &format!("status IN {COUNTED}"), "r.status = 'succeeded'")?;
    Ok(facts.remove(&account_id).unwrap_or_default())
}

/// As `facts_for`, with every attempt still in flight counted as if it went
/// through, payments and refunds alike: what a new payment must not ask for
/// again, and credit on its way back that it must not count on.
pub fn facts_with_in_flight(conn: &Connection, account_id: i64) -> Result<Vec<PaymentFacts>> {
    Ok(facts_with_in_flight_of(conn, &[account_id])?.remove(&account_id).unwrap_or_default())
}

/// `facts_with_in_flight` for many accounts in one query each for payments
/// and refunds (a scheduler chunk), by account.
pub fn facts_with_in_flight_of(conn: &Connection, account_ids: &[i64]) -> Result<HashMap<i64, Vec<PaymentFacts>>> {
    let accounts = match account_ids {
        [one] => Ids::One(*one),
        many => Ids::Many(many),
    };
    let payments = format!("(status IN {COUNTED} OR status IN {IN_FLIGHT})");
    facts_where(conn, accounts, &payments, &format!("(r.status = 'succeeded' OR r.status IN {IN_FLIGHT})"))
}

/// The columns `fact_from_row` reads.
pub(super) const FACT_COLUMNS: &str = "id, paid_on, amount_cents, line, reversed_on";

/// A payment's facts, its refunds not attached yet.
pub(super) fn fact_from_row(row: &rusqlite::Row) -> rusqlite::Result<PaymentFacts> {
    Ok(PaymentFacts {
        id: row.get(0)?,
        paid_on: date_col(row, 1)?,
        amount: Money::from_cents(row.get(2)?),
        line: opt_choice_col(row, 3)?,
        reversed_on: opt_date_col(row, 4)?,
        refunds: Vec::new(),
    })
}

fn facts_where(
    conn: &Connection,
    accounts: Ids,
    filter: &str,
    refunds: &str,
) -> Result<HashMap<i64, Vec<PaymentFacts>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FACT_COLUMNS}, account_id FROM payments WHERE {} AND {filter} ORDER BY account_id, paid_on, id",
        accounts.condition("account_id")
    ))?;
    let rows = stmt.query_map([accounts.param()], |row| Ok((row.get::<_, i64>(5)?, fact_from_row(row)?)))?;
    let mut facts = super::by_account(rows)?;
    // Refunds are rare: a chunk's are read from their side (CROSS JOIN keeps
    // that order; each payment's still in id order), not looked for under
    // every payment; one account's are looked for under its few payments.
    let join = if matches!(accounts, Ids::Many(_)) { "CROSS JOIN" } else { "JOIN" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.account_id, r.payment_id, r.refunded_on, r.amount_cents FROM refunds r
         {join} payments p ON p.id = r.payment_id WHERE {} AND {refunds}",
        accounts.condition("p.account_id")
    ))?;
    let refunds = stmt.query_map([accounts.param()], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, date_col(row, 2)?, row.get::<_, i64>(3)?))
    })?;
    for refund in refunds {
        let (account_id, payment_id, on, cents) = refund?;
        let found = facts.get_mut(&account_id).and_then(|f| f.iter_mut().find(|f| f.id == payment_id));
        if let Some(f) = found {
            f.refunds.push((on, Money::from_cents(cents)));
        }
    }
    Ok(facts)
}

/// A payment row in full, for receipts, history and the charge flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub account_id: i64,
    pub created_on: NaiveDate,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub line: Option<Line>,
    pub status: PaymentStatus,
    pub failure_code: Option<String>,
    pub method_id: Option<i64>,
    /// How a payment made elsewhere was sent; `None` for a charge (and a
    /// recorded payment that did not say).
    pub via: Option<Via>,
    pub confirmation: Option<String>,
    pub idempotency_key: Option<String>,
    pub memo: Option<String>,
    pub reversed_on: Option<NaiveDate>,
    pub settled_on: Option<NaiveDate>,
    pub void_reason: Option<String>,
    pub reference: Option<String>,
    /// Wall-clock seconds when a charge was started.
    pub started_at: Option<i64>,
}

impl Payment {
    /// What `history` shows as its reference (DESIGN §3): the confirmation
    /// of a payment made elsewhere, else the idempotency key of a charge
    /// (the gateway's own reference is on the receipt).
    pub fn reference_label(&self) -> Option<&str> {
        self.confirmation.as_deref().or(self.idempotency_key.as_deref()).or(self.reference.as_deref())
    }

    /// Settled neither way yet: the charge's answer is still awaited.
    pub fn unsettled(&self) -> bool {
        self.status.in_flight()
    }

    /// Failed because its gateway never received it: nothing moved, and it
    /// may be sent again under its own key.
    pub fn never_received(&self) -> bool {
        self.status == PaymentStatus::Failed && self.failure_code.as_deref() == Some(NOT_RECEIVED)
    }
}

pub(super) const PAYMENT_COLUMNS: &str = "id, account_id, created_on, paid_on, amount_cents, line, status, failure_code, method_id, \
                               via, confirmation, idempotency_key, memo, reversed_on, settled_on, void_reason, reference, started_at";
const PAYMENT_COLUMN_COUNT: usize = 18;

/// What the `via` column says of charges, which no `Via` names.
const VIA_GATEWAY: &str = "gateway";

/// Reads `via`: a way to pay, or nothing for a charge through a gateway.
fn via_col(row: &rusqlite::Row, idx: usize) -> rusqlite::Result<Option<Via>> {
    let text: Option<String> = row.get(idx)?;
    match text.as_deref() {
        None | Some(VIA_GATEWAY) => Ok(None),
        Some(_) => opt_choice_col(row, idx),
    }
}

pub(super) fn payment_from_row(row: &rusqlite::Row) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: row.get(0)?,
        account_id: row.get(1)?,
        created_on: date_col(row, 2)?,
        paid_on: date_col(row, 3)?,
        amount: Money::from_cents(row.get(4)?),
        line: opt_choice_col(row, 5)?,
        status: choice_col(row, 6)?,
        failure_code: row.get(7)?,
        method_id: row.get(8)?,
        via: via_col(row, 9)?,
        confirmation: row.get(10)?,
        idempotency_key: row.get(11)?,
        memo: row.get(12)?,
        reversed_on: opt_date_col(row, 13)?,
        settled_on: opt_date_col(row, 14)?,
        void_reason: row.get(15)?,
        reference: row.get(16)?,
        started_at: row.get(17)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Payment>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = ?1"))?;
    Ok(stmt.query_row([id], payment_from_row).optional()?)
}

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<Payment>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE idempotency_key = ?1"))?;
    Ok(stmt.query_row([key], payment_from_row).optional()?)
}

/// An account's payments, newest first.
pub fn for_account(conn: &Connection, account_id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE account_id = ?1 ORDER BY paid_on DESC, id DESC"
    ))?;
    let rows = stmt.query_map([account_id], payment_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Attempts whose answer never came (a crash, a timeout), or has not come yet.
pub fn unsettled(conn: &Connection, account_id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE account_id = ?1 AND status IN {IN_FLIGHT} ORDER BY id"
    ))?;
    let rows = stmt.query_map([account_id], payment_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A charge about to be sent: `pending` until the gateway answers. Without
/// a key of the user's, the key is derived from the new row's id.
pub struct NewCharge<'a> {
    pub account_id: i64,
    pub account: &'a str,
    pub amount: Money,
    pub line: Option<Line>,
    pub method_id: i64,
    pub idempotency_key: Option<&'a str>,
    pub memo: Option<&'a str>,
}

/// Inserts the attempt and gives its row as `get` would read it (without
/// reading it: a scheduler run inserts thousands).
pub fn insert_pending(conn: &Connection, c: &NewCharge, clock: Clock) -> Result<Payment> {
    let started_at = clock.unix_seconds();
    conn.prepare_cached(
        "INSERT INTO payments (account_id, created_on, paid_on, amount_cents, line, status, method_id, via,
                               idempotency_key, memo, started_at)
         VALUES (?1, ?2, ?2, ?3, ?4, 'pending', ?5, ?9, ?6, ?7, ?8)",
    )?
    .execute(params![
        c.account_id,
        iso(clock.today),
        c.amount.cents(),
        c.line.map(Line::as_str),
        c.method_id,
        c.idempotency_key,
        c.memo,
        started_at,
        VIA_GATEWAY
    ])?;
    let id = conn.last_insert_rowid();
    let key = match c.idempotency_key {
        Some(key) => key.to_string(),
        None => {
            let key = format!("pay:{}:{id}", c.account);
            conn.execute("UPDATE payments SET idempotency_key = ?2 WHERE id = ?1", params![id, key])
                .with_context(|| format!("cannot give payment {id} its key {key}: an older payment holds it"))?;
            key
        }
    };
    Ok(Payment {
        id,
        account_id: c.account_id,
        created_on: clock.today,
        paid_on: clock.today,
        amount: c.amount,
        line: c.line,
        status: PaymentStatus::Pending,
        failure_code: None,
        method_id: Some(c.method_id),
        via: None,
        confirmation: None,
        idempotency_key: Some(key),
        memo: c.memo.map(str::to_string),
        reversed_on: None,
        settled_on: None,
        void_reason: None,
        reference: None,
        started_at: Some(started_at),
    })
}

/// The two kinds of attempt to move money under a key, each in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptKind {
    Charge,
    Refund,
}

impl AttemptKind {
    fn table(self) -> &'static str {
        match self {
            AttemptKind::Charge => "payments",
            AttemptKind::Refund => "refunds",
        }
    }

    /// How the audit log and messages name one.
    pub fn noun(self) -> &'static str {
        match self {
            AttemptKind::Charge => "payment",
            AttemptKind::Refund => "refund",
        }
    }
}

/// The states an attempt may be sent again from: unsettled, or never
/// received. An answer already there (another command settled it) stays.
const RESENDABLE: &str = "(status IN ('pending', 'unknown') OR (status = 'failed' AND failure_code = 'not_received'))";

/// Sends an attempt that never reached its gateway again, under its own key:
/// back to `pending`, started now.
pub fn restart(conn: &Connection, kind: AttemptKind, id: i64, clock: Clock) -> Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE {} SET status = 'pending', failure_code = NULL, settled_on = NULL, started_at = ?2
         WHERE id = ?1 AND {}",
        kind.table(),
        RESENDABLE
    ))?
    .execute(params![id, clock.unix_seconds()])?;
    Ok(())
}

/// How sure an answer about an attempt is. Two commands may both settle one
/// attempt (the one that sent it, and one that looked its key up), in any
/// order: a surer answer may replace a weaker one, never the reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The gateway said what became of it.
    Gateway,
    /// The gateway says it never received it (or refused it): no money moved,
    /// unless a command still sending it hears otherwise.
    NotReceived,
    /// No answer came.
    Unknown,
}

impl Answer {
    /// The states this answer may replace.
    fn replaces(self) -> &'static str {
        match self {
            Answer::Gateway => {
                "(status IN ('pending', 'unknown') OR (status = 'failed' AND failure_code IN ('not_received', 'refused')))"
            }
            Answer::NotReceived => "status IN ('pending', 'unknown')",
            Answer::Unknown => "status = 'pending'",
        }
    }
}

/// What became of an attempt, as the ledger records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement<'a> {
    pub answer: Answer,
    pub status: PaymentStatus,
    pub failure_code: Option<&'a str>,
    pub reference: Option<&'a str>,
    /// `None` while its fate is unknown.
    pub settled_on: Option<NaiveDate>,
    /// A bank charge the gateway says will be returned on this date.
    pub returns_on: Option<NaiveDate>,
}

/// Records what became of an attempt, unless a surer answer is already
/// there; says whether it did. A refund that gives back the last cent of
/// its payment marks the payment `refunded`, in the same transaction.
pub fn settle(conn: &Connection, kind: AttemptKind, id: i64, s: &Settlement) -> Result<bool> {
    let changed = conn
        .prepare_cached(&format!(
            "UPDATE {} SET status = ?2, failure_code = ?3, reference = coalesce(?4, reference), settled_on = ?5
             WHERE id = ?1 AND {}",
            kind.table(),
            s.answer.replaces()
        ))?
        .execute(params![id, s.status.as_str(), s.failure_code, s.reference, s.settled_on.map(iso)])?;
    if let Some(on) = s.returns_on.filter(|_| changed > 0 && kind == AttemptKind::Charge) {
        conn.prepare_cached("UPDATE payments SET returns_on = ?2 WHERE id = ?1")?.execute(params![id, iso(on)])?;
    }
    if changed > 0 && kind == AttemptKind::Refund && s.status == PaymentStatus::Succeeded {
        conn.prepare_cached(
            "UPDATE payments SET status = 'refunded'
             WHERE id = (SELECT payment_id FROM refunds WHERE id = ?1) AND status = 'succeeded'
               AND amount_cents = (SELECT sum(amount_cents) FROM refunds
                                   WHERE payment_id = payments.id AND status = 'succeeded')",
        )?
        .execute([id])?;
    }
    Ok(changed > 0)
}

impl Payment {
    /// The payment as `settle` leaves it once it wrote `s` (it said so):
    /// what a caller holding the row would otherwise read again.
    pub fn settled(&self, s: &Settlement) -> Payment {
        Payment {
            status: s.status,
            failure_code: s.failure_code.map(str::to_string),
            reference: s.reference.map(str::to_string).or_else(|| self.reference.clone()),
            settled_on: s.settled_on,
            ..self.clone()
        }
    }
}

/// A succeeded bank charge to be returned on or before `day`, as the
/// scheduler finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returning {
    pub payment: Payment,
    pub returns_on: NaiveDate,
}

/// Succeeded charges whose return date has come by `day`, oldest first.
pub fn returning_by(conn: &Connection, day: NaiveDate) -> Result<Vec<Returning>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS}, returns_on FROM payments
         WHERE returns_on IS NOT NULL AND status = 'succeeded' AND returns_on <= ?1 ORDER BY returns_on, id"
    ))?;
    let rows = stmt.query_map([iso(day)], |row| {
        Ok(Returning { payment: payment_from_row(row)?, returns_on: date_col(row, PAYMENT_COLUMN_COUNT)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A bank payment sent back (ACH return): `returned` with the return's
/// code; its money stops counting on `on`, so the bills it paid reopen.
pub fn mark_returned(conn: &Connection, id: i64, code: &str, on: NaiveDate) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "UPDATE payments SET status = 'returned', failure_code = ?2, reversed_on = ?3 WHERE id = ?1 AND status = 'succeeded'",
        )?
        .execute(params![id, code, iso(on)])?;
    Ok(changed > 0)
}

/// Accounts' money as a quick look sees it, for many accounts (a
/// scheduler page) in one query: the total that counts, and whether all of
/// it is plain (none tied to a line, returned or refunded); when it is
/// not, only the replay can say where it went. An account without payments
/// is absent (plain, nothing paid).
pub fn plain_totals(conn: &Connection, account_ids: &[i64]) -> Result<HashMap<i64, (bool, Money)>> {
    let accounts = Ids::Many(account_ids);
    let param = accounts.param();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.account_id, coalesce(sum(CASE WHEN p.status IN {COUNTED} THEN p.amount_cents END), 0),
                count(CASE WHEN p.status IN {COUNTED}
                                AND (p.line IS NOT NULL OR p.reversed_on IS NOT NULL OR p.status != 'succeeded')
                           THEN 1 END)
         FROM payments p WHERE {} GROUP BY p.account_id",
        accounts.condition("p.account_id")
    ))?;
    let rows = stmt.query_map([&param], |r| {
        let (id, cents, odd): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok((id, (odd == 0, Money::from_cents(cents))))
    })?;
    let mut totals: HashMap<i64, (bool, Money)> = rows.collect::<rusqlite::Result<_>>()?;
    // Refunds are few: read from their side (CROSS JOIN keeps that order),
    // not looked for under every payment.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT q.account_id FROM refunds r CROSS JOIN payments q ON q.id = r.payment_id WHERE {}",
        accounts.condition("q.account_id")
    ))?;
    for id in stmt.query_map([&param], |r| r.get::<_, i64>(0))? {
        totals.entry(id?).or_insert((true, Money::ZERO)).0 = false;
    }
    Ok(totals)
}

/// The accounts with an attempt whose answer has not come, by id.
pub fn accounts_in_flight(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT account_id FROM payments WHERE status IN {IN_FLIGHT} ORDER BY account_id"
    ))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The payments with a refund whose answer has not come (a crash, a timeout).
pub fn with_refunds_in_flight(conn: &Connection) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments
         WHERE id IN (SELECT payment_id FROM refunds WHERE status IN {IN_FLIGHT}) ORDER BY id"
    ))?;
    let rows = stmt.query_map([], payment_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn void(conn: &Connection, id: i64, reason: &str) -> Result<()> {
    conn.execute("UPDATE payments SET status = 'void', void_reason = ?2 WHERE id = ?1", params![id, reason])?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    pub id: i64,
    pub payment_id: i64,
    pub refunded_on: NaiveDate,
    pub amount: Money,
    pub status: PaymentStatus,
    pub idempotency_key: String,
    pub reference: Option<String>,
    pub failure_code: Option<String>,
    pub started_at: Option<i64>,
}

impl Refund {
    pub fn settled(&self) -> bool {
        !self.status.in_flight()
    }
}

pub(super) fn refund_from_row(row: &rusqlite::Row) -> rusqlite::Result<Refund> {
    Ok(Refund {
        id: row.get(0)?,
        payment_id: row.get(1)?,
        refunded_on: date_col(row, 2)?,
        amount: Money::from_cents(row.get(3)?),
        status: choice_col(row, 4)?,
        idempotency_key: row.get(5)?,
        reference: row.get(6)?,
        failure_code: row.get(7)?,
        started_at: row.get(8)?,
    })
}

pub(super) const REFUND_COLUMNS: &str =
    "r.id, r.payment_id, r.refunded_on, r.amount_cents, r.status, r.idempotency_key, \
                              r.reference, r.failure_code, r.started_at";

pub fn refunds_for_payment(conn: &Connection, payment_id: i64) -> Result<Vec<Refund>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {REFUND_COLUMNS} FROM refunds r WHERE r.payment_id = ?1 ORDER BY r.id"))?;
    let rows = stmt.query_map([payment_id], refund_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn refunds_for_account(conn: &Connection, account_id: i64) -> Result<Vec<Refund>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {REFUND_COLUMNS} FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE p.account_id = ?1 ORDER BY r.id"
    ))?;
    let rows = stmt.query_map([account_id], refund_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A refund about to be sent, `pending` until the gateway answers; its key
/// is `refund:PAYMENT:N`, the payment's Nth refund.
pub fn insert_refund(conn: &Connection, payment_id: i64, amount: Money, clock: Clock) -> Result<Refund> {
    let n = refunds_for_payment(conn, payment_id)?.len() + 1;
    conn.execute(
        "INSERT INTO refunds (payment_id, refunded_on, amount_cents, status, idempotency_key, started_at)
         VALUES (?1, ?2, ?3, 'pending', ?4, ?5)",
        params![payment_id, iso(clock.today), amount.cents(), format!("refund:{payment_id}:{n}"), clock.unix_seconds()],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(&format!("SELECT {REFUND_COLUMNS} FROM refunds r WHERE r.id = ?1"))?;
    Ok(stmt.query_row([id], refund_from_row)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;

    /// The rows `insert_pending` and `Payment::settled` give without reading
    /// them are the rows as read: with a key and without, for every answer.
    #[test]
    fn a_charge_as_given_is_the_row_as_read() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let conn = ledger.conn();
        conn.execute_batch("INSERT INTO accounts (id, handle, name, created_on) VALUES (1, 'a', 'A', '2027-01-01')")
            .unwrap();
        let clock = Clock::on(crate::core::dates::parse_date("2027-01-22").unwrap());
        let settlements = [
            Settlement {
                answer: Answer::Gateway,
                status: PaymentStatus::Succeeded,
                failure_code: None,
                reference: Some("ch_1"),
                settled_on: Some(clock.today),
                returns_on: Some(clock.today),
            },
            Settlement {
                answer: Answer::Gateway,
                status: PaymentStatus::Failed,
                failure_code: Some("card_declined"),
                reference: None,
                settled_on: Some(clock.today),
                returns_on: None,
            },
            Settlement {
                answer: Answer::Unknown,
                status: PaymentStatus::Unknown,
                failure_code: None,
                reference: None,
                settled_on: None,
                returns_on: None,
            },
        ];
        for (n, s) in settlements.iter().enumerate() {
            let key = format!("k{n}");
            let new = NewCharge {
                account_id: 1,
                account: "a",
                amount: Money::from_cents(23_200 + n as i64),
                line: (n == 1).then_some(Line::Dental),
                method_id: 7,
                idempotency_key: (n != 2).then_some(key.as_str()),
                memo: (n == 0).then_some("memo"),
            };
            let pending = insert_pending(conn, &new, clock).unwrap();
            assert_eq!(Some(&pending), get(conn, pending.id).unwrap().as_ref());
            assert!(settle(conn, AttemptKind::Charge, pending.id, s).unwrap());
            assert_eq!(Some(pending.settled(s)), get(conn, pending.id).unwrap());
        }
    }

    /// A page's facts (refunds read from their side) are each account's as
    /// read alone (refunds looked for under its payments), refunds in order.
    #[test]
    fn a_page_of_facts_is_each_accounts_facts() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let conn = ledger.conn();
        conn.execute_batch(
            "INSERT INTO accounts (id, handle, name, created_on) VALUES
                 (1, 'a', 'A', '2027-01-01'), (2, 'b', 'B', '2027-01-01');
             INSERT INTO payments (id, account_id, created_on, paid_on, amount_cents, status) VALUES
                 (1, 1, '2027-01-01', '2027-01-03', 100, 'succeeded'),
                 (2, 2, '2027-01-01', '2027-01-01', 200, 'succeeded'),
                 (3, 1, '2027-01-01', '2027-01-02', 300, 'pending');
             INSERT INTO refunds (payment_id, refunded_on, amount_cents, status, idempotency_key) VALUES
                 (1, '2027-01-09', 10, 'succeeded', 'r1'), (2, '2027-01-05', 20, 'failed', 'r2'),
                 (1, '2027-01-04', 30, 'pending', 'r3');",
        )
        .unwrap();
        let page = facts_with_in_flight_of(conn, &[1, 2]).unwrap();
        for id in [1, 2] {
            assert_eq!(page[&id], facts_with_in_flight(conn, id).unwrap(), "account {id}");
        }
        let refunds: Vec<i64> = page[&1][1].refunds.iter().map(|r| r.1.cents()).collect();
        assert_eq!((page[&1][1].id, refunds), (1, vec![10, 30]), "in the order they were made");
        assert!(page[&2][0].refunds.is_empty(), "a failed refund takes nothing back");
    }

    /// The quick look of a page: plain only when every counted payment is a
    /// settled one on no line, never reversed, with no refund of any payment.
    #[test]
    fn plain_totals_of_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let conn = ledger.conn();
        conn.execute_batch(
            "INSERT INTO accounts (id, handle, name, created_on) VALUES
                 (1, 'plain', 'P', '2027-01-01'), (2, 'line', 'L', '2027-01-01'), (3, 'refunded', 'R', '2027-01-01'),
                 (4, 'returned', 'T', '2027-01-01'), (5, 'none', 'N', '2027-01-01'), (6, 'failed', 'F', '2027-01-01');
             INSERT INTO payments (id, account_id, created_on, paid_on, amount_cents, line, status, reversed_on) VALUES
                 (1, 1, '2027-01-01', '2027-01-01', 100, NULL, 'succeeded', NULL),
                 (2, 1, '2027-01-01', '2027-02-01', 250, NULL, 'succeeded', NULL),
                 (3, 1, '2027-01-01', '2027-02-01', 999, NULL, 'pending', NULL),
                 (4, 2, '2027-01-01', '2027-01-01', 100, 'health', 'succeeded', NULL),
                 (5, 3, '2027-01-01', '2027-01-01', 100, NULL, 'succeeded', NULL),
                 (6, 4, '2027-01-01', '2027-01-01', 100, NULL, 'returned', '2027-01-05'),
                 (7, 6, '2027-01-01', '2027-01-01', 100, NULL, 'failed', NULL);
             INSERT INTO refunds (payment_id, refunded_on, amount_cents, status, idempotency_key) VALUES
                 (5, '2027-01-02', 50, 'succeeded', 'r1');",
        )
        .unwrap();
        let found = plain_totals(conn, &[1, 2, 3, 4, 5, 6]).unwrap();
        let get = |id: i64| found.get(&id).copied().map(|(plain, m)| (plain, m.cents()));
        assert_eq!(get(1), Some((true, 350)), "a pending payment does not count");
        assert_eq!(get(2), Some((false, 100)), "money on a line");
        assert_eq!(get(3), Some((false, 100)), "a refund");
        assert_eq!(get(4), Some((false, 100)), "a return");
        assert_eq!(get(5), None, "no payments: absent");
        assert_eq!(get(6), Some((true, 0)), "a failed payment counts nothing");
    }
}
