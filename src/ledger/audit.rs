//! The audit log: what each command changed, when, never a secret.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::clock::Clock;

pub fn append(conn: &Connection, clock: Clock, account_id: Option<i64>, command: &str, detail: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO audit (at, as_of, account_id, command, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![clock.stamp(), crate::core::dates::iso(clock.today), account_id, command, detail])?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub as_of: NaiveDate,
    pub command: String,
    pub detail: String,
}

/// An account's entries and the ledger-wide ones (`init`; imports before
/// this version, which wrote one entry for every account they touched), newest first.
pub fn for_account(conn: &Connection, account_id: i64) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, as_of, command, detail FROM audit WHERE account_id = ?1 OR account_id IS NULL ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(Entry { id: r.get(0)?, at: r.get(1)?, as_of: super::date_col(r, 2)?, command: r.get(3)?, detail: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
