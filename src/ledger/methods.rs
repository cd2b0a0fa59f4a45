//! Payment methods: tokens and last four digits, never full numbers.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::{choice_col, opt_choice_col};
use crate::core::method::{Brand, Expiry, MethodState};
use crate::core::policy::MethodKind;

/// A payment method, as added (`id` 0 until `insert` gives it one) or as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub id: i64,
    pub account_id: i64,
    pub nickname: Option<String>,
    /// Card brand or bank account kind; it says the method's kind.
    pub brand: Brand,
    pub last4: String,
    /// Cards only.
    pub exp: Option<Expiry>,
    pub holder: String,
    pub zip: Option<String>,
    pub routing: Option<String>,
    /// As stored: never `expired` (see `shown_state`).
    pub state: MethodState,
    pub token: String,
    pub is_default: bool,
    pub verify_attempts: u32,
}

impl Method {
    /// How the method is named to people: `Visa ending 4242` (never more digits).
    pub fn label(&self) -> String {
        format!("{} ending {}", self.brand, self.last4)
    }

    pub fn kind(&self) -> MethodKind {
        self.brand.kind()
    }

    /// The state a person sees and `pay` acts on: a card past its expiry month is `expired`.
    pub fn shown_state(&self, today: NaiveDate) -> MethodState {
        self.state.shown(self.exp, today)
    }
}

pub(super) const COLUMNS: &str =
    "id, account_id, kind, nickname, brand, last4, exp, holder, zip, routing, state, token, \
                       is_default, verify_attempts";

pub(super) fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Method> {
    let brand = match choice_col(row, 2)? {
        MethodKind::Card => Brand::Card(choice_col(row, 4)?),
        MethodKind::Bank => Brand::Bank(choice_col(row, 4)?),
    };
    Ok(Method {
        id: row.get(0)?,
        account_id: row.get(1)?,
        nickname: row.get(3)?,
        brand,
        last4: row.get(5)?,
        exp: opt_choice_col(row, 6)?,
        holder: row.get(7)?,
        zip: row.get(8)?,
        routing: row.get(9)?,
        state: choice_col(row, 10)?,
        token: row.get(11)?,
        is_default: row.get(12)?,
        verify_attempts: row.get(13)?,
    })
}

/// Adds a method (its `id`, `is_default` and `verify_attempts` are the
/// ledger's to set); an account's first method becomes its default.
pub fn insert(conn: &Connection, m: &Method, today: NaiveDate) -> Result<Method> {
    write(
        conn,
        "INSERT INTO methods (account_id, nickname, brand, last4, exp, holder, zip, routing, state, token,
                              created_on, updated_on, kind, is_default)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12,
                 NOT EXISTS (SELECT 1 FROM methods WHERE account_id = ?1 AND is_default = 1 AND state != 'removed'))",
        m.account_id,
        m,
        today,
        &[&m.kind().as_str()],
    )?;
    Ok(get(conn, conn.last_insert_rowid())?.expect("just inserted"))
}

/// Replaces method `m.id`'s fields (not its kind, default or account), keeping
/// its id so autopay follows it; a new token starts its tries afresh.
pub fn replace(conn: &Connection, m: &Method, today: NaiveDate) -> Result<()> {
    write(
        conn,
        "UPDATE methods SET nickname = ?2, brand = ?3, last4 = ?4, exp = ?5, holder = ?6, zip = ?7, routing = ?8,
                            state = ?9, token = ?10, verify_attempts = CASE WHEN token = ?10 THEN verify_attempts ELSE 0 END,
                            updated_on = ?11
         WHERE id = ?1",
        m.id,
        m,
        today,
        &[],
    )
}

/// Runs `sql` with the row's key as ?1, the fields both `insert` and
/// `replace` write as ?2 to ?10 (nickname, brand, last4, exp, holder, zip,
/// routing, state, token), today as ?11 and `more` after.
fn write(conn: &Connection, sql: &str, key: i64, m: &Method, today: NaiveDate, more: &[&dyn ToSql]) -> Result<()> {
    let (exp, today) = (m.exp.map(|e| e.to_string()), today.to_string());
    let fields = params![
        key,
        m.nickname,
        m.brand.as_str(),
        m.last4,
        exp,
        m.holder,
        m.zip,
        m.routing,
        m.state.as_str(),
        m.token,
        today
    ];
    conn.execute(sql, params_from_iter(fields.iter().chain(more)))?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Method>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM methods WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// An account's methods, removed ones left out.
pub fn list(conn: &Connection, account_id: i64) -> Result<Vec<Method>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM methods WHERE account_id = ?1 AND state != 'removed' ORDER BY id"
    ))?;
    let rows = stmt.query_map([account_id], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every method an account has had, removed ones included (payments name them).
pub fn all_for_account(conn: &Connection, account_id: i64) -> Result<Vec<Method>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM methods WHERE account_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([account_id], from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many methods an account has ever had, removed ones included.
pub fn count(conn: &Connection, account_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM methods WHERE account_id = ?1", [account_id], |r| r.get(0))?)
}

pub fn default_for(conn: &Connection, account_id: i64) -> Result<Option<Method>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM methods WHERE account_id = ?1 AND is_default = 1 AND state != 'removed'"
    ))?;
    Ok(stmt.query_row([account_id], from_row).optional()?)
}

pub fn set_state(conn: &Connection, id: i64, state: MethodState, verify_attempts: u32, today: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE methods SET state = ?2, verify_attempts = ?3, updated_on = ?4 WHERE id = ?1",
        params![id, state.as_str(), verify_attempts, today.to_string()],
    )?;
    Ok(())
}

pub fn set_default(conn: &Connection, account_id: i64, id: i64) -> Result<()> {
    conn.execute("UPDATE methods SET is_default = (id = ?2) WHERE account_id = ?1", params![account_id, id])?;
    Ok(())
}

/// Removes a method: its row stays (payments name it), marked removed.
pub fn remove(conn: &Connection, id: i64, today: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE methods SET state = 'removed', is_default = 0, updated_on = ?2 WHERE id = ?1",
        params![id, today.to_string()],
    )?;
    Ok(())
}
