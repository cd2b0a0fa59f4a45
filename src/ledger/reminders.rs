//! The accounts and methods the scheduler's reminders look at, found by
//! query rather than by reading every account.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::core::alert::AlertKind;
use crate::core::dates::{iso, Month};
use crate::core::method::Expiry;

/// Enrolled accounts after `after` whose bill for `month` autopay does not
/// surely pay by its due date `due`: no autopay that drafts what is due (or
/// the premium) from `month` at the latest with a first draft by `due`.
/// Those with a fixed amount are given too: the caller compares it.
pub fn not_autopaid_page(
    conn: &Connection,
    month: Month,
    due: NaiveDate,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.handle FROM accounts a
         WHERE a.id > ?1 AND EXISTS (SELECT 1 FROM rate_periods r WHERE r.account_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM autopay p WHERE p.account_id = a.id AND p.enabled = 1
                           AND p.amount_mode != 'fixed' AND p.start_month <= ?2 AND p.first_draft_on <= ?3)
         ORDER BY a.id LIMIT ?4",
    )?;
    let rows =
        stmt.query_map(params![after, month.to_string(), iso(due), limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Cards expiring at the end of `exp` that an enabled autopay drafts (or
/// falls back to): (account id, method id).
pub fn autopay_cards_expiring(conn: &Connection, exp: Expiry) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.account_id, m.id FROM methods m JOIN autopay p
           ON p.enabled = 1 AND (p.method_id = m.id OR p.fallback_id = m.id)
         WHERE m.kind = 'card' AND m.exp = ?1 AND m.state != 'removed'
         ORDER BY p.account_id, m.id",
    )?;
    let rows = stmt.query_map([exp.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The accounts a line of which entered grace with `deadline`, found by
/// their `grace_started` alerts (the run raises one for every grace, on the
/// day it starts; the cause ends with the deadline), through the index on
/// causes rather than by reading every account.
pub fn grace_until(conn: &Connection, deadline: NaiveDate) -> Result<Vec<(i64, String)>> {
    let kind = AlertKind::GraceStarted.as_str();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.id, a.handle FROM alerts al JOIN accounts a ON a.id = al.account_id
         WHERE al.cause >= ?1 || ':' AND al.cause < ?1 || ';' AND al.cause LIKE '%:' || ?2
         ORDER BY a.id",
    )?;
    let rows = stmt.query_map(params![kind, iso(deadline)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
