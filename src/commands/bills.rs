//! `bills`: invoices as of the clock.

use anyhow::Result;
use clap::Args;

use super::{snapshot, Outcome};
use crate::context::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::core::billing::Line;
use crate::core::coverage::{Bill, BillState, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::ledger::accounts;
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Args)]
pub struct BillsArgs {
    /// Only bills with something left to pay
    #[arg(long)]
    pub open: bool,
}

pub fn run(ctx: &Context, args: &BillsArgs) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    Ok(Output::List(listing(&snap, args.open)).into())
}

/// One bill as `bills` shows it (DESIGN §3).
#[derive(Debug, Serialize)]
pub struct BillRow {
    coverage_month: Month,
    line: Line,
    statement_date: NaiveDate,
    due_date: NaiveDate,
    amount: Money,
    paid: Money,
    open: Money,
    state: BillState,
}

impl Row for BillRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("coverage_month", "Month"),
        Column::text("line", "Line"),
        Column::text("statement_date", "Issued"),
        Column::text("due_date", "Due"),
        Column::money("amount", "Amount"),
        Column::money("paid", "Paid"),
        Column::money("open", "Left"),
        Column::state("state", "State"),
    ];
}

impl From<&Bill> for BillRow {
    fn from(b: &Bill) -> BillRow {
        BillRow {
            coverage_month: b.month,
            line: b.line,
            statement_date: b.statement_date,
            due_date: b.due_date,
            amount: b.amount,
            paid: b.paid,
            open: b.open,
            state: b.state,
        }
    }
}

/// The issued bills (or only those with something left to pay).
pub fn listing(snap: &Snapshot, open_only: bool) -> Listing {
    let rows: Vec<BillRow> = snap
        .bills
        .iter()
        .filter(|b| !open_only || matches!(b.state, BillState::Open | BillState::Partial))
        .map(BillRow::from)
        .collect();
    Listing::of(&rows, if open_only { "nothing open: every issued bill is paid" } else { "no bills issued yet" })
}
