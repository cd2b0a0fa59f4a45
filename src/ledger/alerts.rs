//! The alert outbox: alerts raised once per cause, and one delivery row per
//! alert and channel: `pending` until delivered, retried by each run, and
//! `failed` for good after `RETRY_DAYS` days of failures.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{choice_col, date_col};
use crate::core::alert::{AlertKind, NewAlert};
use crate::core::dates::iso;

/// Raises `alert` for an account (or the whole ledger) with a delivery row
/// for each of `channels`, unless its cause was raised before: gives its
/// id when it is new.
pub fn raise<'a>(
    conn: &Connection,
    account_id: Option<i64>,
    alert: &NewAlert,
    today: NaiveDate,
    channels: impl IntoIterator<Item = &'a str>,
) -> Result<Option<i64>> {
    let id = insert(conn, account_id, alert, today)?;
    if let Some(id) = id {
        pending(conn, &[id], channels)?;
    }
    Ok(id)
}

/// Stores `alert` unless its cause was raised before (then gives none):
/// its delivery rows are for `pending` to add.
pub fn insert(conn: &Connection, account_id: Option<i64>, alert: &NewAlert, today: NaiveDate) -> Result<Option<i64>> {
    // Not RETURNING: it costs a temporary table per row.
    let inserted = conn
        .prepare_cached(
            "INSERT INTO alerts (account_id, kind, cause, created_on, message) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (cause) DO NOTHING",
        )?
        .execute(params![account_id, alert.kind.as_str(), alert.cause, iso(today), alert.message])?;
    Ok((inserted > 0).then(|| conn.last_insert_rowid()))
}

/// A pending delivery row for each of the alerts `ids` on each of
/// `channels`. Many alerts (a scheduler page) take one statement, at about
/// half the cost per row of a statement each; one alert takes the plain
/// insert, which costs half of reading JSON lists.
pub fn pending<'a>(conn: &Connection, ids: &[i64], channels: impl IntoIterator<Item = &'a str>) -> Result<()> {
    match ids {
        [] => {}
        [id] => {
            let mut stmt = conn
                .prepare_cached("INSERT INTO alert_deliveries (alert_id, channel, state) VALUES (?1, ?2, 'pending')")?;
            for channel in channels {
                stmt.execute(params![id, channel])?;
            }
        }
        _ => {
            let channels: Vec<&str> = channels.into_iter().collect();
            conn.prepare_cached(
                "INSERT INTO alert_deliveries (alert_id, channel, state)
                 SELECT a.value, c.value, 'pending' FROM json_each(?1) a, json_each(?2) c ORDER BY a.key, c.key",
            )?
            .execute(params![super::Ids::Many(ids).param(), serde_json::to_string(&channels)?])?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub channel: String,
    pub state: String,
    pub attempts: u32,
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub id: i64,
    /// The account's handle (none for a ledger-wide alert).
    pub account: Option<String>,
    pub kind: AlertKind,
    pub cause: String,
    pub created_on: NaiveDate,
    pub message: String,
    pub acked: bool,
    pub deliveries: Vec<Delivery>,
}

const COLUMNS: &str = "al.id, ac.handle, al.kind, al.cause, al.created_on, al.message, al.acked_on IS NOT NULL";

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Alert> {
    Ok(Alert {
        id: row.get(0)?,
        account: row.get(1)?,
        kind: choice_col(row, 2)?,
        cause: row.get(3)?,
        created_on: date_col(row, 4)?,
        message: row.get(5)?,
        acked: row.get(6)?,
        deliveries: Vec::new(),
    })
}

/// Alerts, newest first: open ones (or all), of one account (or every one).
pub fn list(conn: &Connection, account_id: Option<i64>, all: bool) -> Result<Vec<Alert>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM alerts al LEFT JOIN accounts ac ON ac.id = al.account_id
         WHERE (?1 IS NULL OR al.account_id = ?1) AND (?2 OR al.acked_on IS NULL)
         ORDER BY al.id DESC"
    ))?;
    let mut alerts: Vec<Alert> =
        stmt.query_map(params![account_id, all], from_row)?.collect::<rusqlite::Result<_>>()?;
    attach_deliveries(conn, &mut alerts)?;
    Ok(alerts)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Alert>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM alerts al LEFT JOIN accounts ac ON ac.id = al.account_id WHERE al.id = ?1"
    ))?;
    let Some(alert) = stmt.query_row([id], from_row).optional()? else {
        return Ok(None);
    };
    let mut alerts = vec![alert];
    attach_deliveries(conn, &mut alerts)?;
    Ok(alerts.pop())
}

fn attach_deliveries(conn: &Connection, alerts: &mut [Alert]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT channel, state, attempts, last_error FROM alert_deliveries WHERE alert_id = ?1 ORDER BY channel",
    )?;
    for alert in alerts {
        alert.deliveries = stmt.query_map([alert.id], |r| delivery(r, 0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

/// A delivery from the columns `channel, state, attempts, last_error` from `at`.
fn delivery(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Delivery> {
    Ok(Delivery { channel: r.get(at)?, state: r.get(at + 1)?, attempts: r.get(at + 2)?, last_error: r.get(at + 3)? })
}

/// Hides an alert from `alerts list`; says whether it was open.
pub fn ack(conn: &Connection, id: i64, today: NaiveDate) -> Result<bool> {
    let changed = conn
        .prepare_cached("UPDATE alerts SET acked_on = ?2 WHERE id = ?1 AND acked_on IS NULL")?
        .execute(params![id, iso(today)])?;
    Ok(changed > 0)
}

/// Hides every open alert (of one account); gives how many.
pub fn ack_all(conn: &Connection, account_id: Option<i64>, today: NaiveDate) -> Result<usize> {
    Ok(conn
        .prepare_cached("UPDATE alerts SET acked_on = ?2 WHERE acked_on IS NULL AND (?1 IS NULL OR account_id = ?1)")?
        .execute(params![account_id, iso(today)])?)
}

/// Up to `limit` alerts waiting on `channel` (pending: never tried, or
/// failed less than 7 days ago), oldest first, after `after`, with their
/// deliveries.
pub fn waiting(conn: &Connection, channel: &str, after: i64, limit: usize) -> Result<Vec<Alert>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM alert_deliveries d JOIN alerts al ON al.id = d.alert_id
         LEFT JOIN accounts ac ON ac.id = al.account_id
         WHERE d.channel = ?1 AND d.state = 'pending' AND d.alert_id > ?2
         ORDER BY d.alert_id LIMIT ?3"
    ))?;
    let mut alerts: Vec<Alert> =
        stmt.query_map(params![channel, after, limit as i64], from_row)?.collect::<rusqlite::Result<_>>()?;
    let (Some(first), Some(last)) = (alerts.first().map(|a| a.id), alerts.last().map(|a| a.id)) else {
        return Ok(alerts);
    };
    // One query for the batch's deliveries, not one per alert.
    let mut stmt = conn.prepare_cached(
        "SELECT alert_id, channel, state, attempts, last_error FROM alert_deliveries
         WHERE alert_id BETWEEN ?1 AND ?2 ORDER BY alert_id, channel",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    let mut at = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        while at < alerts.len() && alerts[at].id < id {
            at += 1;
        }
        if let Some(alert) = alerts.get_mut(at).filter(|a| a.id == id) {
            alert.deliveries.push(delivery(row, 1)?);
        }
    }
    Ok(alerts)
}

/// Records the alerts `ids` delivered on `channel` in one statement: what
/// `attempted` records for each success, for a channel's whole batch.
pub fn delivered(conn: &Connection, ids: &[i64], channel: &str) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let changed = conn
        .prepare_cached(
            "UPDATE alert_deliveries SET state = 'delivered', attempts = attempts + 1, last_error = NULL,
             delivered_at = ?3 WHERE channel = ?2 AND alert_id IN (SELECT value FROM json_each(?1))",
        )?
        .execute(params![format!("[{}]", list.join(",")), channel, at])?;
    anyhow::ensure!(changed == ids.len(), "{} of {} deliveries on {channel} not found", ids.len() - changed, ids.len());
    Ok(())
}

/// How many days of failures a delivery is retried for (by the hcpay clock).
pub const RETRY_DAYS: i64 = 7;

/// One delivery's outcome on `today`: delivered, or failed with its error
/// (`tried`: an attempt was made; else the run did not get to it). A
/// failure keeps it `pending` until it has failed for `RETRY_DAYS` days,
/// then it is `failed` for good. Gives the delivery's state now.
pub fn attempted(
    conn: &Connection,
    alert_id: i64,
    channel: &str,
    outcome: Result<(), &str>,
    tried: bool,
    today: NaiveDate,
) -> Result<String> {
    let mut stmt = match outcome {
        Ok(()) => conn.prepare_cached(
            "UPDATE alert_deliveries SET state = 'delivered', attempts = attempts + 1, last_error = NULL,
             delivered_at = ?5 WHERE alert_id = ?1 AND channel = ?2 RETURNING state",
        )?,
        Err(_) => conn.prepare_cached(
            "UPDATE alert_deliveries SET attempts = attempts + ?6, last_error = ?3,
             first_failed_on = coalesce(first_failed_on, ?4),
             state = CASE WHEN julianday(?4) - julianday(coalesce(first_failed_on, ?4)) >= ?7
                          THEN 'failed' ELSE 'pending' END
             WHERE alert_id = ?1 AND channel = ?2 RETURNING state",
        )?,
    };
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let error = outcome.err();
    let state = match error {
        None => stmt.query_row(params![alert_id, channel, error, iso(today), at], |r| r.get(0))?,
        Some(_) => stmt
            .query_row(params![alert_id, channel, error, iso(today), at, i64::from(tried), RETRY_DAYS], |r| r.get(0))?,
    };
    Ok(state)
}
