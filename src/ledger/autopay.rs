//! Autopay settings and the bookkeeping of drafts (which month was drafted,
//! at which try, when the next one is due).

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::{choice_col, date_col, opt_date_col};
use crate::core::autopay::{AmountMode, Schedule};
use crate::core::dates::{iso, Month};
use crate::core::money::Money;
use crate::core::policy::Policy;

/// One account's autopay, with the account's handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autopay {
    pub account_id: i64,
    pub handle: String,
    pub enabled: bool,
    pub method_id: i64,
    pub fallback_id: Option<i64>,
    /// `None`: the policy's `autopay_draft_day`.
    pub draft_day: Option<u32>,
    pub amount: AmountMode,
    pub start: Month,
    pub first_draft_on: NaiveDate,
    /// Counts enables and disables.
    pub version: i64,
    pub changed_on: NaiveDate,
}

impl Autopay {
    pub fn draft_day(&self, policy: &Policy) -> u32 {
        self.draft_day.unwrap_or(policy.autopay_draft_day)
    }

    pub fn schedule(&self, policy: &Policy) -> Schedule {
        Schedule {
            draft_day: self.draft_day(policy),
            amount: self.amount,
            start: self.start,
            first_draft_on: self.first_draft_on,
        }
    }
}

const COLUMNS: &str = "a.account_id, ac.handle, a.enabled, a.method_id, a.fallback_id, a.draft_day, a.amount_mode, \
                       a.fixed_cents, a.start_month, a.first_draft_on, a.version, a.changed_on";

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Autopay> {
    let mode: String = row.get(6)?;
    let fixed: Option<i64> = row.get(7)?;
    let amount = match (mode.as_str(), fixed) {
        ("due", _) => AmountMode::Due,
        ("premium", _) => AmountMode::Premium,
        ("fixed", Some(cents)) => AmountMode::Fixed(Money::from_cents(cents)),
        _ => {
            let message = format!("unknown autopay amount `{mode}`");
            return Err(rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, message.into()));
        }
    };
    let start: String = row.get(8)?;
    Ok(Autopay {
        account_id: row.get(0)?,
        handle: row.get(1)?,
        enabled: row.get(2)?,
        method_id: row.get(3)?,
        fallback_id: row.get(4)?,
        draft_day: row.get(5)?,
        amount,
        start: Month::parse(&start)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e)))?,
        first_draft_on: date_col(row, 9)?,
        version: row.get(10)?,
        changed_on: date_col(row, 11)?,
    })
}

fn select(filter: &str) -> String {
    format!("SELECT {COLUMNS} FROM autopay a JOIN accounts ac ON ac.id = a.account_id WHERE {filter}")
}

pub fn get(conn: &Connection, account_id: i64) -> Result<Option<Autopay>> {
    let mut stmt = conn.prepare_cached(&select("a.account_id = ?1"))?;
    Ok(stmt.query_row([account_id], from_row).optional()?)
}

/// Writes an account's settings as they are now.
pub fn put(conn: &Connection, a: &Autopay) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO autopay (account_id, enabled, method_id, fallback_id, draft_day, amount_mode, fixed_cents,
                              start_month, first_draft_on, version, changed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (account_id) DO UPDATE SET
             enabled = excluded.enabled, method_id = excluded.method_id, fallback_id = excluded.fallback_id,
             draft_day = excluded.draft_day, amount_mode = excluded.amount_mode, fixed_cents = excluded.fixed_cents,
             start_month = excluded.start_month, first_draft_on = excluded.first_draft_on,
             version = excluded.version, changed_on = excluded.changed_on",
    )?
    .execute(params![
        a.account_id,
        a.enabled,
        a.method_id,
        a.fallback_id,
        a.draft_day,
        a.amount.as_str(),
        a.amount.fixed().map(Money::cents),
        a.start.to_string(),
        iso(a.first_draft_on),
        a.version,
        iso(a.changed_on),
    ])?;
    Ok(())
}

/// The enabled autopay that charges `method_id` (as its method or its fallback).
pub fn using_method(conn: &Connection, method_id: i64) -> Result<Option<Autopay>> {
    let mut stmt = conn.prepare_cached(&select("a.enabled = 1 AND (a.method_id = ?1 OR a.fallback_id = ?1)"))?;
    Ok(stmt.query_row([method_id], from_row).optional()?)
}

/// Up to `limit` enabled autopays after account `after` that may draft on
/// `day`: those whose draft day it is (the policy's, `policy_day`, when
/// they have none of their own), and those whose first draft it is. Found
/// by index, a page at a time, never by a scan.
pub fn drafting_on(
    conn: &Connection,
    day: NaiveDate,
    policy_day: u32,
    after: i64,
    limit: usize,
) -> Result<Vec<Autopay>> {
    use chrono::Datelike;
    let from = "FROM autopay a JOIN accounts ac ON ac.id = a.account_id WHERE a.enabled = 1 AND a.account_id > ?4";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {from} AND a.draft_day = ?1
         UNION SELECT {COLUMNS} {from} AND a.draft_day IS NULL AND ?1 = ?2
         UNION SELECT {COLUMNS} {from} AND a.first_draft_on = ?3
         ORDER BY 1 LIMIT ?5"
    ))?;
    let rows = stmt.query_map(params![day.day(), policy_day, iso(day), after, limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` enabled autopays after account `after`, by account: a
/// pass over every one reads them a page at a time.
/// The accounts with autopay on, for the whole-ledger view (a set of ids:
/// a few bytes an account).
pub fn enabled_accounts(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare("SELECT account_id FROM autopay WHERE enabled = 1")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub fn enabled_page(conn: &Connection, after: i64, limit: usize) -> Result<Vec<Autopay>> {
    let mut stmt =
        conn.prepare_cached(&select("a.enabled = 1 AND a.account_id > ?1 ORDER BY a.account_id LIMIT ?2"))?;
    let rows = stmt.query_map(params![after, limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The earliest first draft of an enabled autopay: where a first run starts.
pub fn earliest_first_draft(conn: &Connection) -> Result<Option<NaiveDate>> {
    let first: Option<String> =
        conn.query_row("SELECT min(first_draft_on) FROM autopay WHERE enabled = 1", [], |r| r.get(0))?;
    Ok(first.map(|t| crate::core::dates::parse_date(&t)).transpose()?)
}

// ---------------------------------------------------------------------------
// Drafts.

/// Where one month's draft stands (see migrations/004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, EnumString, IntoStaticStr, VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum DraftState {
    Sending,
    Retry,
    Paid,
    Failed,
    Skipped,
    Cancelled,
}

impl DraftState {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub account_id: i64,
    pub month: Month,
    pub state: DraftState,
    /// Tries made: the last one's key ends in this number.
    pub tries: u32,
    /// Retry days used.
    pub retries: u32,
    pub first_failed_on: Option<NaiveDate>,
    pub next_try_on: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Draft {
    pub fn new(account_id: i64, month: Month) -> Draft {
        Draft {
            account_id,
            month,
            state: DraftState::Sending,
            tries: 0,
            retries: 0,
            first_failed_on: None,
            next_try_on: None,
            note: None,
        }
    }
}

/// The idempotency key of try `n` of an account's draft for `month` (DESIGN §5).
pub fn key(handle: &str, month: Month, n: u32) -> String {
    format!("autopay:{handle}:{month}:{n}")
}

/// The month and try of a draft's key.
pub fn parse_key(key: &str) -> Option<(Month, u32)> {
    let rest = key.strip_prefix("autopay:")?;
    let (rest, n) = rest.rsplit_once(':')?;
    let (_, month) = rest.rsplit_once(':')?;
    Some((Month::parse(month).ok()?, n.parse().ok()?))
}

/// Whether a payment is an autopay draft (its key is a draft's).
pub fn is_draft(p: &super::payments::Payment) -> bool {
    p.idempotency_key.as_deref().is_some_and(|k| parse_key(k).is_some())
}

const DRAFT_COLUMNS: &str = "account_id, month, state, tries, retries, first_failed_on, next_try_on, note";

fn draft_from_row(row: &rusqlite::Row) -> rusqlite::Result<Draft> {
    let month: String = row.get(1)?;
    Ok(Draft {
        account_id: row.get(0)?,
        month: Month::parse(&month)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?,
        state: choice_col(row, 2)?,
        tries: row.get(3)?,
        retries: row.get(4)?,
        first_failed_on: opt_date_col(row, 5)?,
        next_try_on: opt_date_col(row, 6)?,
        note: row.get(7)?,
    })
}

pub fn draft(conn: &Connection, account_id: i64, month: Month) -> Result<Option<Draft>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE account_id = ?1 AND month = ?2"))?;
    Ok(stmt.query_row(params![account_id, month.to_string()], draft_from_row).optional()?)
}

/// The drafts of these accounts for `from` and later months (a scheduler
/// chunk's, read at once), by account and month.
pub fn drafts_of(conn: &Connection, ids: &[i64], from: Month) -> Result<HashMap<(i64, Month), Draft>> {
    let ids = super::Ids::Many(ids);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DRAFT_COLUMNS} FROM drafts WHERE {} AND month >= ?2",
        ids.condition("account_id")
    ))?;
    let rows = stmt.query_map(params![ids.param(), from.to_string()], draft_from_row)?;
    rows.map(|r| Ok(r.map(|d| ((d.account_id, d.month), d))?)).collect()
}

/// The accounts of a chunk of drafts (as `accounts::get` reads each), by id.
pub fn accounts_of(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, super::accounts::Account>> {
    super::rows_by_id(conn, "accounts", super::accounts::COLUMNS, ids, super::accounts::from_row, |a| a.rowid)
}

/// The methods a chunk of drafts may charge (as `methods::get` reads each), by id.
pub fn methods_of(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, super::methods::Method>> {
    super::rows_by_id(conn, "methods", super::methods::COLUMNS, ids, super::methods::from_row, |m| m.id)
}

/// An account's drafts, oldest month first.
pub fn drafts_for(conn: &Connection, account_id: i64) -> Result<Vec<Draft>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE account_id = ?1 ORDER BY month"))?;
    let rows = stmt.query_map([account_id], draft_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A draft's columns as `put_draft` and `insert_draft` bind them (?1 to ?9).
type DraftRow<'a> = (i64, String, &'static str, u32, u32, Option<String>, Option<String>, Option<&'a str>, String);

fn draft_row(d: &Draft, today: NaiveDate) -> DraftRow<'_> {
    (
        d.account_id,
        d.month.to_string(),
        d.state.as_str(),
        d.tries,
        d.retries,
        d.first_failed_on.map(iso),
        d.next_try_on.map(iso),
        d.note.as_deref(),
        iso(today),
    )
}

/// Writes a draft as it is now: an update when its row is there (the usual
/// case, and cheaper than an upsert), else a new row.
pub fn put_draft(conn: &Connection, d: &Draft, today: NaiveDate) -> Result<()> {
    let updated = conn
        .prepare_cached(
            "UPDATE drafts SET state = ?3, tries = ?4, retries = ?5, first_failed_on = ?6, next_try_on = ?7,
                               note = ?8, updated_on = ?9
             WHERE account_id = ?1 AND month = ?2",
        )?
        .execute(draft_row(d, today))?;
    if updated == 0 {
        insert_draft(conn, d, today)?;
    }
    Ok(())
}

/// Writes a draft whose row is not there yet (a month's first try): one
/// statement where `put_draft` takes two.
pub fn insert_draft(conn: &Connection, d: &Draft, today: NaiveDate) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO drafts (account_id, month, state, tries, retries, first_failed_on, next_try_on, note,
                             created_on, updated_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(draft_row(d, today))?;
    Ok(())
}

/// Drafts whose last try may not be settled yet (a run died), by account.
/// (`+` in the ORDER BY: found by the partial index, then sorted, rather
/// than every draft read in key order.)
pub fn sending(conn: &Connection) -> Result<Vec<Draft>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DRAFT_COLUMNS} FROM drafts WHERE state = 'sending' ORDER BY +account_id, +month"
    ))?;
    let rows = stmt.query_map([], draft_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Drafts with a retry due on or before `day`.
pub fn retries_due(conn: &Connection, day: NaiveDate) -> Result<Vec<Draft>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DRAFT_COLUMNS} FROM drafts WHERE state = 'retry' AND next_try_on <= ?1 ORDER BY +account_id, +month"
    ))?;
    let rows = stmt.query_map([iso(day)], draft_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Autopay turned off: the retries it had scheduled are cancelled.
pub fn cancel_retries(conn: &Connection, account_id: i64, today: NaiveDate) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE drafts SET state = 'cancelled', next_try_on = NULL, note = 'autopay turned off', updated_on = ?2
             WHERE account_id = ?1 AND state = 'retry'",
        )?
        .execute(params![account_id, iso(today)])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The state's CHECK (a chain of comparisons since migration 006) takes
    /// every state and refuses any other word.
    #[test]
    fn a_draft_state_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = crate::ledger::Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let conn = ledger.conn();
        conn.execute("INSERT INTO accounts (id, handle, name, created_on) VALUES (1, 'a', 'A', '2027-01-01')", [])
            .unwrap();
        let day = crate::core::dates::parse_date("2027-01-22").unwrap();
        for (n, state) in DraftState::VARIANTS.iter().enumerate() {
            let month = Month::parse(&format!("2027-{:02}", n + 1)).unwrap();
            let draft = Draft { state: state.parse().unwrap(), ..Draft::new(1, month) };
            insert_draft(conn, &draft, day).unwrap();
            assert_eq!(self::draft(conn, 1, month).unwrap(), Some(draft));
        }
        let bad = conn.execute("UPDATE drafts SET state = 'lost' WHERE month = '2027-01'", []);
        assert!(bad.unwrap_err().to_string().contains("CHECK constraint failed"));
    }

    #[test]
    fn draft_keys_round_trip() {
        let feb = Month::parse("2027-02").unwrap();
        assert_eq!(key("smith", feb, 1), "autopay:smith:2027-02:1");
        assert_eq!(parse_key("autopay:smith:2027-02:12"), Some((feb, 12)));
        assert_eq!(parse_key("pay:smith:3"), None);
        assert_eq!(parse_key("autopay:smith:2027-02"), None);
    }
}
