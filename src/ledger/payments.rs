//! Payments: money sent or recorded, and the facts the coverage rules need.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{date_col, opt_date_col};
use crate::core::billing::Line;
use crate::core::coverage::PaymentFacts;
use crate::core::money::Money;
use crate::core::payment::Via;

/// Statuses whose money counts toward bills (until a return moves it out).
pub const COUNTED: &str = "('succeeded', 'returned')";

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
                today.to_string(),
                p.paid_on.to_string(),
                p.amount.cents(),
                p.line.map(Line::as_str),
                p.via.map(Via::as_str),
                p.confirmation,
                p.memo,
            ])
        });
    match result {
        Ok(_) => Ok(conn.last_insert_rowid()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(InsertError::DuplicateConfirmation)
        }
        Err(e) => Err(InsertError::Other(e.into())),
    }
}

/// The payments whose money counts, as the coverage rules see them.
pub fn facts_for(conn: &Connection, account_id: i64) -> Result<Vec<PaymentFacts>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, paid_on, amount_cents, line, reversed_on FROM payments
         WHERE account_id = ?1 AND status IN {COUNTED} ORDER BY paid_on, id"
    ))?;
    let rows = stmt.query_map([account_id], |row| {
        let line: Option<String> = row.get(3)?;
        Ok(PaymentFacts {
            id: row.get(0)?,
            paid_on: date_col(row, 1)?,
            amount: Money::from_cents(row.get(2)?),
            line: line.and_then(|l| l.parse().ok()),
            reversed_on: opt_date_col(row, 4)?,
            refunds: Vec::new(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
