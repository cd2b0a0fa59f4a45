//! The scheduler's own log: every run, what it did, and the day it brought
//! the ledger to.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{date_col, opt_date_col};
use crate::core::dates::iso;

/// What a run did, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub drafts: u32,
    pub succeeded: u32,
    pub declined: u32,
    pub returned: u32,
    pub settled: u32,
    pub alerts: u32,
    pub delivered: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub as_of: NaiveDate,
    pub first_day: Option<NaiveDate>,
    pub through: Option<NaiveDate>,
    pub outcome: String,
    pub counts: Counts,
    pub error: Option<String>,
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The last day any run completed: the next run starts the day after.
pub fn through(conn: &Connection) -> Result<Option<NaiveDate>> {
    let through: Option<String> = conn.query_row("SELECT max(through) FROM scheduler_runs", [], |r| r.get(0))?;
    Ok(through.map(|t| crate::core::dates::parse_date(&t)).transpose()?)
}

pub fn start(conn: &Connection, as_of: NaiveDate) -> Result<i64> {
    conn.execute(
        "INSERT INTO scheduler_runs (started_at, as_of, outcome) VALUES (?1, ?2, 'running')",
        params![now(), iso(as_of)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Day `day` is done: the next run starts after it, even if this one dies.
pub fn day_done(conn: &Connection, id: i64, day: NaiveDate) -> Result<()> {
    conn.prepare_cached("UPDATE scheduler_runs SET first_day = coalesce(first_day, ?2), through = ?2 WHERE id = ?1")?
        .execute(params![id, iso(day)])?;
    Ok(())
}

pub fn finish(conn: &Connection, id: i64, outcome: &str, counts: &Counts, error: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE scheduler_runs SET finished_at = ?2, outcome = ?3, drafts = ?4, succeeded = ?5, declined = ?6,
                returned = ?7, settled = ?8, alerts = ?9, delivered = ?10, error = ?11
         WHERE id = ?1",
        params![
            id,
            now(),
            outcome,
            counts.drafts,
            counts.succeeded,
            counts.declined,
            counts.returned,
            counts.settled,
            counts.alerts,
            counts.delivered,
            error
        ],
    )?;
    Ok(())
}

pub fn last(conn: &Connection) -> Result<Option<Run>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, finished_at, as_of, first_day, through, outcome, drafts, succeeded, declined,
                returned, settled, alerts, delivered, error
         FROM scheduler_runs ORDER BY id DESC LIMIT 1",
    )?;
    let run = stmt
        .query_row([], |r| {
            Ok(Run {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                as_of: date_col(r, 3)?,
                first_day: opt_date_col(r, 4)?,
                through: opt_date_col(r, 5)?,
                outcome: r.get(6)?,
                counts: Counts {
                    drafts: r.get(7)?,
                    succeeded: r.get(8)?,
                    declined: r.get(9)?,
                    returned: r.get(10)?,
                    settled: r.get(11)?,
                    alerts: r.get(12)?,
                    delivered: r.get(13)?,
                },
                error: r.get(14)?,
            })
        })
        .optional()?;
    Ok(run)
}

/// Up to `limit` accounts with an enrollment (a rate period) after account
/// `after`, by id, with their handles: the coverage pass reads a page at a time.
pub fn enrolled_page(conn: &Connection, after: i64, limit: usize) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.handle FROM accounts a
         WHERE a.id > ?1 AND EXISTS (SELECT 1 FROM rate_periods r WHERE r.account_id = a.id)
         ORDER BY a.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The accounts with a rate period from `month` (its premium may change then).
pub fn rate_changes_from(conn: &Connection, month: crate::core::dates::Month) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.id, a.handle FROM rate_periods r JOIN accounts a ON a.id = r.account_id
         WHERE r.from_month = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([month.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What is waiting: alerts not yet delivered on a channel, drafts by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Waiting {
    pub alerts_undelivered: u32,
    pub drafts_sending: u32,
    pub drafts_retry: u32,
}

pub fn waiting(conn: &Connection) -> Result<Waiting> {
    Ok(conn.query_row(
        "SELECT (SELECT count(DISTINCT alert_id) FROM alert_deliveries WHERE state != 'delivered'),
                (SELECT count(*) FROM drafts WHERE state = 'sending'),
                (SELECT count(*) FROM drafts WHERE state = 'retry')",
        [],
        |r| Ok(Waiting { alerts_undelivered: r.get(0)?, drafts_sending: r.get(1)?, drafts_retry: r.get(2)? }),
    )?)
}
