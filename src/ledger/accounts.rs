//! Accounts: one household's enrollment, known by a short handle.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::invalid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    #[serde(skip)]
    pub rowid: i64,
    #[serde(rename = "account")]
    pub handle: String,
    pub name: String,
    pub member_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_on: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub handle: String,
    pub name: String,
    pub member_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub(super) const COLUMNS: &str = "id, handle, name, member_id, email, phone, created_on";

pub(super) fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Account> {
    Ok(Account {
        rowid: row.get(0)?,
        handle: row.get(1)?,
        name: row.get(2)?,
        member_id: row.get(3)?,
        email: row.get(4)?,
        phone: row.get(5)?,
        created_on: row.get(6)?,
    })
}

pub fn find(conn: &Connection, handle: &str) -> Result<Option<Account>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts WHERE handle = ?1"))?;
    Ok(stmt.query_row([handle], from_row).optional()?)
}

pub fn get(conn: &Connection, rowid: i64) -> Result<Option<Account>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"))?;
    Ok(stmt.query_row([rowid], from_row).optional()?)
}

/// The account a command acts on: the one named, or the only one there is.
pub fn resolve(conn: &Connection, handle: Option<&str>) -> Result<Account> {
    if let Some(handle) = handle {
        return find(conn, handle)?.ok_or_else(|| {
            invalid(format!("no account `{}`", crate::core::text::excerpt(handle)))
                .hint("`hcpay account list` shows the accounts")
                .into()
        });
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts ORDER BY id LIMIT 2"))?;
    let found: Vec<Account> = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one account")),
        0 => {
            Err(invalid("the ledger has no account yet").hint("add one with `hcpay account add ID --name NAME`").into())
        }
        _ => Err(invalid("the ledger holds several accounts: say which with --account ID").into()),
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts ORDER BY handle"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Inserts an account; a duplicate handle is an input error.
pub fn insert(conn: &Connection, account: &NewAccount, today: NaiveDate) -> Result<i64> {
    if find(conn, &account.handle)?.is_some() {
        return Err(invalid(format!("account `{}` already exists", account.handle)).into());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO accounts (handle, name, member_id, email, phone, created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![
        account.handle,
        account.name,
        account.member_id,
        account.email,
        account.phone,
        today.to_string()
    ])?;
    Ok(conn.last_insert_rowid())
}
