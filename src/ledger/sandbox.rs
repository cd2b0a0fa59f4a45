//! The sandbox gateway's side of the ledger: its tokens and charges.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::opt_date_col;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeRow {
    pub idempotency_key: String,
    pub token: String,
    pub amount_cents: i64,
    pub kind: &'static str,
    pub status: String,
    pub failure_code: Option<String>,
    pub reference: String,
    pub charged_on: NaiveDate,
    pub returns_on: Option<NaiveDate>,
}

pub fn insert_token(conn: &Connection, token: &str, kind: &str, behaviour: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO sandbox_tokens (token, kind, behaviour) VALUES (?1, ?2, ?3)",
        params![token, kind, behaviour],
    )?;
    Ok(())
}

pub fn token_behaviour(conn: &Connection, token: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT behaviour FROM sandbox_tokens WHERE token = ?1")?;
    Ok(stmt.query_row([token], |r| r.get(0)).optional()?)
}

pub fn count_tokens(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sandbox_tokens", [], |r| r.get(0))?)
}

#[cfg(test)]
pub fn count_charges(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sandbox_charges", [], |r| r.get(0))?)
}

/// The number the next charge's reference takes: one past the last row's
/// (not a count, which would read the whole table for every charge).
pub fn next_charge_number(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(rowid), 0) + 1 FROM sandbox_charges")?.query_row([], |r| r.get(0))?)
}

pub fn charge_by_key(conn: &Connection, key: &str) -> Result<Option<ChargeRow>> {
    let row = conn
        .query_row(
            "SELECT idempotency_key, token, amount_cents, kind, status, failure_code, reference, charged_on, returns_on
             FROM sandbox_charges WHERE idempotency_key = ?1",
            [key],
            |r| {
                let kind: String = r.get(3)?;
                Ok(ChargeRow {
                    idempotency_key: r.get(0)?,
                    token: r.get(1)?,
                    amount_cents: r.get(2)?,
                    kind: if kind == "refund" { "refund" } else { "charge" },
                    status: r.get(4)?,
                    failure_code: r.get(5)?,
                    reference: r.get(6)?,
                    charged_on: super::date_col(r, 7)?,
                    returns_on: opt_date_col(r, 8)?,
                })
            },
        )
        .optional()?;
    Ok(row)
}

/// Records a charge or refund under its key, unless one is there already
/// (two commands sending one key at once): says whether this one was recorded.
pub fn insert_charge(conn: &Connection, row: &ChargeRow) -> Result<bool> {
    let inserted = conn.prepare_cached(
        "INSERT OR IGNORE INTO sandbox_charges (idempotency_key, token, amount_cents, kind, status, failure_code, reference,
                                      charged_on, returns_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
            row.idempotency_key,
            row.token,
            row.amount_cents,
            row.kind,
            row.status,
            row.failure_code,
            row.reference,
            row.charged_on.to_string(),
            row.returns_on.map(|d| d.to_string()),
        ],
    )?;
    Ok(inserted == 1)
}
