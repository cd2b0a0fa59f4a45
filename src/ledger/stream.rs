//! The whole ledger, one account at a time, for the commands that read every
//! account (`status --all`, `export journal`). Each table is read by one
//! query ordered by account and handed over an account at a time: a few
//! queries for the ledger, not a few per account, and memory that holds one
//! account's rows, not the ledger's.

use std::iter::Peekable;

use anyhow::Result;
use rusqlite::{Connection, Row};

use super::accounts::{self, Account};
use super::methods::{self, Method};
use super::payments::{self, Payment, Refund, COUNTED};
use super::plans;
use crate::core::billing::RatePeriod;
use crate::core::coverage::PaymentFacts;
use crate::core::payment::PaymentStatus;

/// What to read of each account besides its rate periods and payment facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// What the coverage rules need, no more.
    Facts,
    /// Also every payment and refund in full, and the methods they name.
    Full,
}

/// One account's rows.
#[derive(Debug)]
pub struct AccountRows {
    pub account: Account,
    pub periods: Vec<RatePeriod>,
    /// The payments whose money counts, as the coverage rules see them.
    pub facts: Vec<PaymentFacts>,
    /// `Detail::Full` only: every payment (oldest first), refund and method.
    pub payments: Vec<Payment>,
    pub refunds: Vec<Refund>,
    pub methods: Vec<Method>,
}

/// Calls `each` with every account's rows in turn (only `only`'s, when
/// given), in the order the accounts were added. The queries share one read
/// transaction, so they see the ledger at one moment.
pub fn each_account(
    conn: &Connection,
    only: Option<i64>,
    detail: Detail,
    mut each: impl FnMut(AccountRows) -> Result<()>,
) -> Result<()> {
    let _snapshot = conn.unchecked_transaction()?;
    // `?1 IS NULL OR ...`: one account, or all of them, with the same statements.
    let mine = "(?1 IS NULL OR account_id = ?1)";
    let mut accounts_stmt =
        conn.prepare(&format!("SELECT {} FROM accounts WHERE (?1 IS NULL OR id = ?1) ORDER BY id", accounts::COLUMNS))?;
    let mut periods_stmt = conn.prepare(&format!(
        "SELECT {}, account_id FROM rate_periods WHERE {mine} ORDER BY account_id, id",
        plans::COLUMNS
    ))?;
    let refunds_sql = format!(
        "SELECT {}, p.account_id FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE (?1 IS NULL OR p.account_id = ?1) ORDER BY p.account_id, r.id",
        payments::REFUND_COLUMNS
    );
    let mut refunds_stmt = conn.prepare(&refunds_sql)?;

    let mut accounts_rows = accounts_stmt.query_map([only], accounts::from_row)?;
    let mut periods = Grouped::new(periods_stmt.query_map([only], |r| owned(r, plans::COLUMNS, plans::from_row))?);
    let mut refunds = Grouped::new(
        refunds_stmt.query_map([only], |r| owned(r, payments::REFUND_COLUMNS, payments::refund_from_row))?,
    );
    match detail {
        Detail::Facts => {
            let mut facts_stmt = conn.prepare(&format!(
                "SELECT {}, account_id FROM payments WHERE {mine} AND status IN {COUNTED}
                 ORDER BY account_id, paid_on, id",
                payments::FACT_COLUMNS
            ))?;
            let mut facts = Grouped::new(
                facts_stmt.query_map([only], |r| owned(r, payments::FACT_COLUMNS, payments::fact_from_row))?,
            );
            for account in accounts_rows.by_ref() {
                let account = account?;
                let id = account.rowid;
                let refunds = refunds.take(id)?;
                let mut facts = facts.take(id)?;
                attach(&mut facts, &refunds);
                each(AccountRows {
                    account,
                    periods: periods.take(id)?,
                    facts,
                    payments: Vec::new(),
                    refunds: Vec::new(),
                    methods: Vec::new(),
                })?;
            }
        }
        Detail::Full => {
            let mut payments_stmt = conn.prepare(&format!(
                "SELECT {} FROM payments WHERE {mine} ORDER BY account_id, paid_on, id",
                payments::PAYMENT_COLUMNS
            ))?;
            let mut methods_stmt = conn
                .prepare(&format!("SELECT {} FROM methods WHERE {mine} ORDER BY account_id, id", methods::COLUMNS))?;
            // Both already name their account in their second column.
            let mut all_payments =
                Grouped::new(payments_stmt.query_map([only], |r| Ok((r.get(1)?, payments::payment_from_row(r)?)))?);
            let mut all_methods =
                Grouped::new(methods_stmt.query_map([only], |r| Ok((r.get(1)?, methods::from_row(r)?)))?);
            for account in accounts_rows.by_ref() {
                let account = account?;
                let id = account.rowid;
                let payments = all_payments.take(id)?;
                let refunds = refunds.take(id)?;
                let mut facts: Vec<PaymentFacts> =
                    payments.iter().filter(|p| p.status.counts()).map(facts_of).collect();
                attach(&mut facts, &refunds);
                each(AccountRows {
                    account,
                    periods: periods.take(id)?,
                    facts,
                    payments,
                    refunds,
                    methods: all_methods.take(id)?,
                })?;
            }
        }
    }
    Ok(())
}

/// A row read by `read` from the columns `columns`, and the account id
/// selected after them.
fn owned<T>(row: &Row, columns: &str, read: impl Fn(&Row) -> rusqlite::Result<T>) -> rusqlite::Result<(i64, T)> {
    let after = columns.split(',').count();
    Ok((row.get(after)?, read(row)?))
}

/// Succeeded refunds, each with the payment it gave money back from.
fn attach(facts: &mut [PaymentFacts], refunds: &[Refund]) {
    for refund in refunds.iter().filter(|r| r.status == PaymentStatus::Succeeded) {
        if let Some(f) = facts.iter_mut().find(|f| f.id == refund.payment_id) {
            f.refunds.push((refund.refunded_on, refund.amount));
        }
    }
}

/// Rows ordered by account id, taken an account at a time.
struct Grouped<T, I: Iterator<Item = rusqlite::Result<(i64, T)>>> {
    rows: Peekable<I>,
}

impl<T, I: Iterator<Item = rusqlite::Result<(i64, T)>>> Grouped<T, I> {
    fn new(rows: I) -> Self {
        Grouped { rows: rows.peekable() }
    }

    /// Account `id`'s rows. Accounts are asked for in increasing order; rows
    /// of an account not asked for (one `only` left out) are passed over.
    fn take(&mut self, id: i64) -> Result<Vec<T>> {
        let mut found = Vec::new();
        while self.rows.peek().is_some_and(|next| next.as_ref().map_or(true, |(owner, _)| *owner <= id)) {
            match self.rows.next().expect("peeked") {
                Ok((owner, row)) if owner == id => found.push(row),
                Ok(_) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(found)
    }
}

/// A payment as the coverage rules see it, its refunds not attached yet.
fn facts_of(p: &Payment) -> PaymentFacts {
    PaymentFacts {
        id: p.id,
        paid_on: p.paid_on,
        amount: p.amount,
        line: p.line,
        reversed_on: p.reversed_on,
        refunds: vec![],
    }
}
