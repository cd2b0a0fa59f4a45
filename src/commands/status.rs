//! `status`: the quick look at one account.

use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

use super::autopay::AutopayView;
use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::coverage::{LineStatus, Snapshot};
use crate::error::ExitCode;
use crate::ledger::accounts::{self, Account};
use crate::render::{self, dollars, Cell, Listing, Output};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Exit 4 when anything is past due or a line is in grace, terminated or not effective
    #[arg(long)]
    pub check: bool,
}

pub fn run(ctx: &Context, args: &StatusArgs) -> Result<Outcome> {
    let ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let code = if args.check && snap.needs_attention() { ExitCode::Attention } else { ExitCode::Done };
    let (autopay, _) = super::autopay::view(ctx, ledger.conn(), &account, Some(&snap))?;
    let (text, json) = document(ctx, &account, &snap, &autopay);
    Ok(Outcome { output: Output::Doc { text, json }, code, problem: None })
}

/// The status of one account as text for people and as its JSON document.
pub fn document(ctx: &Context, account: &Account, snap: &Snapshot, autopay: &AutopayView) -> (String, Value) {
    let warnings = warnings(ctx, snap);
    (text(ctx, account, snap, autopay, &warnings), to_json(account, snap, autopay, &warnings))
}

fn warnings(ctx: &Context, snap: &Snapshot) -> Vec<String> {
    snap.gap_risk
        .iter()
        .map(|risk| {
            format!(
                "{} coverage lapses from {}: {} months without coverage before it could start again, more than the mandate's {}-month gap (a tax penalty risk)",
                risk.line,
                risk.from,
                risk.months,
                ctx.policy().mandate_gap_months
            )
        })
        .collect()
}

fn line_json(l: &LineStatus) -> Value {
    json!({
        "line": l.line,
        "coverage_state": l.state,
        "paid_through": l.paid_through,
        "grace_deadline": l.grace_deadline,
        "cure_amount": l.cure_amount,
        "terminates_on": l.terminates_on,
        "reinstate_by": l.reinstate_by,
        "reinstate_amount": l.reinstate_amount,
    })
}

fn to_json(account: &Account, snap: &Snapshot, autopay: &AutopayView, warnings: &[String]) -> Value {
    json!({
        "account": account.handle,
        "as_of": snap.as_of,
        "amount_due": snap.amount_due,
        "past_due": snap.past_due,
        "credit": snap.credit,
        "next_due_date": snap.next_due_date,
        "next_due_amount": snap.next_due_amount,
        "coverage_state": snap.coverage_state(),
        "lines": snap.lines.iter().map(line_json).collect::<Vec<_>>(),
        "autopay": autopay,
        "warnings": warnings,
    })
}

fn text(ctx: &Context, account: &Account, snap: &Snapshot, autopay: &AutopayView, warnings: &[String]) -> String {
    let state = snap.coverage_state().map_or("not enrolled", |s| s.as_str());
    let mut out = format!("{} · {} · as of {}\n", account.handle, account.name, snap.as_of);
    out.push_str(&format!("coverage   {}\n", render::paint(state, ctx.color)));
    out.push_str(&format!("due now    {}", snap.amount_due.dollars()));
    if snap.past_due.is_positive() {
        out.push_str(&format!("  ({} past due)", snap.past_due.dollars()));
    }
    out.push('\n');
    match (snap.next_due_date, snap.next_due_amount) {
        (Some(date), amount) => out.push_str(&format!("next due   {date}  {}\n", dollars(amount))),
        _ => out.push_str("next due   -\n"),
    }
    out.push_str(&format!("credit     {}\n", snap.credit.dollars()));
    out.push_str(&format!("autopay    {}\n", autopay.line()));
    if !snap.lines.is_empty() {
        let mut listing = Listing::new(
            &[
                ("line", "Line"),
                ("state", "State"),
                ("paid_through", "Paid through"),
                ("grace_deadline", "Grace deadline"),
                ("cure_amount", "To cure"),
                ("terminates_on", "Coverage ends"),
                ("reinstate_by", "Reinstate by"),
                ("reinstate_amount", "To reinstate"),
            ],
            "",
        );
        for l in &snap.lines {
            listing.push(vec![
                l.line.as_str().into(),
                Cell::painted(l.state.as_str(), ctx.color),
                Cell::opt(l.paid_through),
                Cell::opt(l.grace_deadline),
                Cell::money(l.cure_amount),
                Cell::opt(l.terminates_on),
                Cell::opt(l.reinstate_by),
                Cell::money(l.reinstate_amount),
            ]);
        }
        out.push('\n');
        out.push_str(&listing.table());
        out.push('\n');
    }
    for warning in warnings {
        out.push_str(&format!("\nwarning: {warning}"));
    }
    out
}
