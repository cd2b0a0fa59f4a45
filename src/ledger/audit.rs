//! The audit log: what each command changed, when, never a secret.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

pub fn append(conn: &Connection, as_of: NaiveDate, account_id: Option<i64>, command: &str, detail: &str) -> Result<()> {
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    conn.prepare_cached("INSERT INTO audit (at, as_of, account_id, command, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![at, as_of.to_string(), account_id, command, detail])?;
    Ok(())
}
