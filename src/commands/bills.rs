//! `bills`: invoices as of the clock.

use anyhow::Result;
use clap::Args;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::coverage::{BillState, Snapshot};
use crate::ledger::accounts;
use crate::render::{Listing, Output};

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

/// The issued bills (or only those with something left to pay).
pub fn listing(snap: &Snapshot, open_only: bool) -> Listing {
    let mut listing = Listing::new(
        &[
            ("coverage_month", "Month"),
            ("line", "Line"),
            ("statement_date", "Issued"),
            ("due_date", "Due"),
            ("amount", "Amount"),
            ("paid", "Paid"),
            ("open", "Left"),
            ("state", "State"),
        ],
        if open_only { "nothing open: every issued bill is paid" } else { "no bills issued yet" },
    );
    let shown = snap.bills.iter().filter(|b| !open_only || matches!(b.state, BillState::Open | BillState::Partial));
    for b in shown {
        listing.push(vec![
            b.month.to_string().into(),
            b.line.as_str().into(),
            b.statement_date.to_string().into(),
            b.due_date.to_string().into(),
            b.amount.into(),
            b.paid.into(),
            b.open.into(),
            b.state.as_str().into(),
        ]);
    }
    listing
}
