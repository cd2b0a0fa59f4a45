//! `balance`: only the amount due now, for scripts.

use anyhow::Result;
use serde_json::json;

use super::{snapshot, Outcome};
use crate::context::Context;
use crate::ledger::accounts;
use crate::render::Output;

pub fn run(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let json = json!({"account": account.handle, "as_of": snap.as_of, "amount_due": snap.amount_due});
    Ok(Output::Doc { text: snap.amount_due.to_string(), json }.into())
}
