//! `status --all`: one row per account, worst first — a navigator's morning view.

use std::cmp::Reverse;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use serde::Serialize;

use super::Outcome;
use crate::context::Context;
use crate::core::coverage::{evaluate, CoverageState, Snapshot};
use crate::core::money::Money;
use crate::error::ExitCode;
use crate::ledger::autopay;
use crate::ledger::stream::{each_account, Detail};
use crate::render::{Column, Listing, Output, Row};

/// One account in `status --all` (a table row, a JSON object, a CSV record).
#[derive(Debug, Serialize)]
pub struct AccountRow {
    account: String,
    name: String,
    /// The worst line's state; null for an account with no enrollment.
    coverage_state: Option<CoverageState>,
    amount_due: Money,
    past_due: Money,
    next_due_date: Option<NaiveDate>,
    next_due_amount: Option<Money>,
    /// The first date by which something must be paid to keep (or win back)
    /// coverage: a grace deadline, or the last day to reinstate.
    act_by: Option<NaiveDate>,
    /// Whether autopay is on.
    autopay: bool,
    attention: bool,
}

impl Row for AccountRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("account", "Account"),
        Column::text("name", "Name"),
        Column::state("coverage_state", "State"),
        Column::money("amount_due", "Due now"),
        Column::money("past_due", "Past due"),
        Column::text("next_due_date", "Next due"),
        Column::money("next_due_amount", "Next amount"),
        Column::text("act_by", "Act by"),
        Column::text("autopay", "Autopay"),
        Column::text("attention", "Attention"),
    ];
}

impl AccountRow {
    fn new(account: String, name: String, snap: &Snapshot, autopay: bool) -> AccountRow {
        let act_by = snap.lines.iter().filter_map(|l| l.grace_deadline.or(l.reinstate_by)).min();
        AccountRow {
            account,
            name,
            coverage_state: snap.coverage_state(),
            amount_due: snap.amount_due,
            past_due: snap.past_due,
            next_due_date: snap.next_due_date,
            next_due_amount: snap.next_due_amount,
            act_by,
            autopay,
            attention: snap.needs_attention(),
        }
    }

    /// Worst first: by coverage state (an account with no enrollment last),
    /// then the most past due, then the nearest date to act by.
    fn rank(&self) -> impl Ord + '_ {
        (
            self.coverage_state.is_none(),
            self.coverage_state,
            Reverse(self.past_due),
            self.act_by.is_none(),
            self.act_by,
            self.next_due_date.is_none(),
            self.next_due_date,
            &self.account,
        )
    }
}

pub fn run(ctx: &Context, check: bool) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let mut rows = Vec::new();
    let on_autopay = autopay::enabled_accounts(ledger.conn()).context("reading who is on autopay")?;
    // One account in memory at a time: its rows, replayed, become one small row.
    each_account(ledger.conn(), None, Detail::Facts, |a| {
        let snap = evaluate(&a.periods, &a.facts, ctx.policy(), ctx.as_of);
        let autopay = on_autopay.contains(&a.account.rowid);
        rows.push(AccountRow::new(a.account.handle, a.account.name, &snap, autopay));
        Ok(())
    })?;
    rows.sort_by(|a, b| a.rank().cmp(&b.rank()));
    let attention = rows.iter().filter(|r| r.attention).count();
    let (n, noun) = (rows.len(), if rows.len() == 1 { "account" } else { "accounts" });
    let verb = if attention == 1 { "needs" } else { "need" };
    let note = format!("{n} {noun} as of {}; {attention} {verb} attention", ctx.as_of);
    let listing = Listing::owned(rows, "no accounts yet: add one with `hcpay account add ID --name NAME`").note(note);
    let code = if check && attention > 0 { ExitCode::Attention } else { ExitCode::Done };
    Ok(Outcome { output: Output::List(listing), code, problem: None })
}
