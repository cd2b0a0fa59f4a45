//! Rate periods: append-only rows per account and line.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{params, Connection};

use super::{choice_col, date_col};
use crate::core::billing::{PeriodKind, Rate, RatePeriod};
use crate::core::dates::Month;
use crate::core::money::Money;

pub fn insert(conn: &Connection, account_id: i64, period: &RatePeriod) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO rate_periods (account_id, line, from_month, kind, premium_cents, aptc_cents, slcsp_cents,
                                   program, plan, carrier, recorded_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let rate = match &period.kind {
        PeriodKind::Rate(rate) => Some(rate),
        PeriodKind::End => None,
    };
    stmt.execute(params![
        account_id,
        period.line.as_str(),
        period.from.to_string(),
        if rate.is_some() { "rate" } else { "end" },
        rate.map(|r| r.premium.cents()),
        rate.map(|r| r.aptc.cents()),
        rate.and_then(|r| r.slcsp.map(Money::cents)),
        rate.map(|r| r.program.as_str()),
        rate.and_then(|r| r.plan.clone()),
        rate.and_then(|r| r.carrier.clone()),
        period.recorded_on.to_string(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The columns `from_row` reads.
pub(super) const COLUMNS: &str =
    "id, line, from_month, kind, premium_cents, aptc_cents, slcsp_cents, program, plan, carrier, recorded_on";

pub fn for_account(conn: &Connection, account_id: i64) -> Result<Vec<RatePeriod>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM rate_periods WHERE account_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([account_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The rate periods of many accounts (a scheduler chunk), by account.
pub fn for_accounts(conn: &Connection, account_ids: &[i64]) -> Result<HashMap<i64, Vec<RatePeriod>>> {
    let accounts = super::Ids::Many(account_ids);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, account_id FROM rate_periods WHERE {} ORDER BY account_id, id",
        accounts.condition("account_id")
    ))?;
    let rows = stmt.query_map([accounts.param()], |row| Ok((row.get::<_, i64>(11)?, from_row(row)?)))?;
    super::by_account(rows)
}

pub(super) fn from_row(row: &rusqlite::Row) -> rusqlite::Result<RatePeriod> {
    let bad =
        |idx: usize, e: String| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into());
    let from: String = row.get(2)?;
    let kind: String = row.get(3)?;
    let kind = if kind == "end" {
        PeriodKind::End
    } else {
        PeriodKind::Rate(Rate {
            premium: Money::from_cents(row.get(4)?),
            aptc: Money::from_cents(row.get(5)?),
            slcsp: row.get::<_, Option<i64>>(6)?.map(Money::from_cents),
            program: choice_col(row, 7)?,
            plan: row.get(8)?,
            carrier: row.get(9)?,
        })
    };
    Ok(RatePeriod {
        id: row.get(0)?,
        line: choice_col(row, 1)?,
        from: Month::parse(&from).map_err(|e| bad(2, e.to_string()))?,
        kind,
        recorded_on: date_col(row, 10)?,
    })
}
