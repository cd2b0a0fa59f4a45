//! `status`: the quick look at one account.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::autopay::AutopayView;
use super::{snapshot, Outcome};
use crate::context::Context;
use crate::core::alert::gap_warning;
use crate::core::billing::Line;
use crate::core::coverage::{CoverageState, LineStatus, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::error::ExitCode;
use crate::ledger::accounts::{self, Account};
use crate::render::{self, dollars, Column, Listing, Output, Row};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Exit 4 when anything is past due or a line is in grace, terminated or not effective
    /// (with --all: in any account)
    #[arg(long)]
    pub check: bool,
    /// Every account, one row each, worst first: a navigator's morning view (--account is not used)
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: &StatusArgs) -> Result<Outcome> {
    if args.all {
        return super::status_all::run(ctx, args.check);
    }
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let snap = snapshot(ctx, ledger.conn(), &account)?;
    let code = if args.check && snap.needs_attention() { ExitCode::Attention } else { ExitCode::Done };
    let (autopay, _) = super::autopay::view(ctx, ledger.conn(), &account, Some(&snap))?;
    Ok(Outcome { output: document(ctx, &account, &snap, autopay), code, problem: None })
}

/// What `status --json` prints (DESIGN §3): the scripting interface.
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    account: &'a str,
    as_of: NaiveDate,
    amount_due: Money,
    past_due: Money,
    credit: Money,
    next_due_date: Option<NaiveDate>,
    next_due_amount: Option<Money>,
    coverage_state: Option<CoverageState>,
    lines: Vec<LineRow>,
    autopay: AutopayView,
    warnings: Vec<String>,
}

/// One line's coverage, in `status` (a table row and a JSON object).
#[derive(Debug, Serialize)]
struct LineRow {
    line: Line,
    coverage_state: CoverageState,
    paid_through: Option<Month>,
    grace_deadline: Option<NaiveDate>,
    cure_amount: Option<Money>,
    terminates_on: Option<NaiveDate>,
    reinstate_by: Option<NaiveDate>,
    reinstate_amount: Option<Money>,
}

impl Row for LineRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("line", "Line"),
        Column::state("coverage_state", "State"),
        Column::text("paid_through", "Paid through"),
        Column::text("grace_deadline", "Grace deadline"),
        Column::money("cure_amount", "To cure"),
        Column::text("terminates_on", "Coverage ends"),
        Column::text("reinstate_by", "Reinstate by"),
        Column::money("reinstate_amount", "To reinstate"),
    ];
}

impl From<&LineStatus> for LineRow {
    fn from(l: &LineStatus) -> LineRow {
        LineRow {
            line: l.line,
            coverage_state: l.state,
            paid_through: l.paid_through,
            grace_deadline: l.grace_deadline,
            cure_amount: l.cure_amount,
            terminates_on: l.terminates_on,
            reinstate_by: l.reinstate_by,
            reinstate_amount: l.reinstate_amount,
        }
    }
}

impl<'a> StatusView<'a> {
    pub fn new(ctx: &Context, account: &'a Account, snap: &Snapshot, autopay: AutopayView) -> StatusView<'a> {
        StatusView {
            account: &account.handle,
            as_of: snap.as_of,
            amount_due: snap.amount_due,
            past_due: snap.past_due,
            credit: snap.credit,
            next_due_date: snap.next_due_date,
            next_due_amount: snap.next_due_amount,
            coverage_state: snap.coverage_state(),
            lines: snap.lines.iter().map(LineRow::from).collect(),
            autopay,
            warnings: warnings(ctx, snap),
        }
    }
}

/// The status of one account as text for people and as its JSON document.
pub fn document(ctx: &Context, account: &Account, snap: &Snapshot, autopay: AutopayView) -> Output {
    let view = StatusView::new(ctx, account, snap, autopay);
    Output::doc(text(ctx, account, &view), &view)
}

fn warnings(ctx: &Context, snap: &Snapshot) -> Vec<String> {
    snap.gap_risk.iter().map(|risk| gap_warning(risk, ctx.policy().mandate_gap_months)).collect()
}

fn text(ctx: &Context, account: &Account, view: &StatusView) -> String {
    let state = view.coverage_state.map_or("not enrolled", |s| s.as_str());
    let mut out = format!("{} · {} · as of {}\n", account.handle, account.name, view.as_of);
    out.push_str(&format!("coverage   {}\n", render::paint(state, ctx.color)));
    out.push_str(&format!("due now    {}", view.amount_due.dollars()));
    if view.past_due.is_positive() {
        out.push_str(&format!("  ({} past due)", view.past_due.dollars()));
    }
    out.push('\n');
    match (view.next_due_date, view.next_due_amount) {
        (Some(date), amount) => out.push_str(&format!("next due   {date}  {}\n", dollars(amount))),
        _ => out.push_str("next due   -\n"),
    }
    out.push_str(&format!("credit     {}\n", view.credit.dollars()));
    out.push_str(&format!("autopay    {}\n", view.autopay.line()));
    if !view.lines.is_empty() {
        out.push('\n');
        out.push_str(&Listing::of(&view.lines, "").table(ctx.color));
        out.push('\n');
    }
    for warning in &view.warnings {
        out.push_str(&format!("\nwarning: {warning}"));
    }
    out
}
