//! `balance`: only the amount due now, for scripts.

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::money::Money;
use crate::ledger::accounts;
use crate::render::Output;

/// What `balance --json` prints.
#[derive(Debug, Serialize)]
struct Balance<'a> {
    account: &'a str,
    as_of: NaiveDate,
    amount_due: Money,
}

pub fn run(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let view = Balance { account: &account.handle, as_of: snap.as_of, amount_due: snap.amount_due };
    Ok(Output::doc(snap.amount_due.to_string(), &view).into())
}
