//! `autopay enable|disable|status`: drafts taken by `scheduler run` on the
//! draft day, for every line.

mod enable;

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use rusqlite::Connection;
use serde::Serialize;

use super::method::label;
use super::Outcome;
use crate::context::Context;
use crate::core::alert::{command, AlertKind, NewAlert};
use crate::core::autopay::{upcoming, Drafted, PlannedDraft};
use crate::core::coverage::{evaluate, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::ledger::accounts::{self, Account};
use crate::ledger::autopay::{self as store, Autopay, Draft, DraftState};
use crate::ledger::{audit, methods, payments, plans};
use crate::render::Output;

pub use enable::EnableArgs;

#[derive(Debug, Subcommand)]
pub enum AutopayCommand {
    /// Draft every bill on its draft day from a verified method (taken by `scheduler run`)
    Enable(EnableArgs),
    /// Stop drafting (retries already scheduled are cancelled)
    Disable,
    /// Autopay's settings and the drafts ahead
    Status,
}

pub fn run(ctx: &Context, cmd: AutopayCommand) -> Result<Outcome> {
    match cmd {
        AutopayCommand::Enable(args) => enable::run(ctx, &args),
        AutopayCommand::Disable => disable(ctx),
        AutopayCommand::Status => status(ctx),
    }
}

/// Autopay as `status` and `autopay status` show it (DESIGN §3: `enabled`,
/// `method`, `next_draft_date`, `next_draft_amount`, and more).
#[derive(Debug, Clone, Default, Serialize)]
pub struct AutopayView {
    pub enabled: bool,
    pub method: Option<String>,
    pub method_id: Option<i64>,
    pub fallback: Option<String>,
    pub fallback_id: Option<i64>,
    pub draft_day: Option<u32>,
    /// `due`, `premium` or `fixed`.
    pub amount: Option<&'static str>,
    pub fixed_amount: Option<Money>,
    pub start_month: Option<Month>,
    pub next_draft_date: Option<NaiveDate>,
    pub next_draft_amount: Option<Money>,
    pub next_draft_month: Option<Month>,
}

/// A draft ahead, as `autopay status` and `history --upcoming` list it.
#[derive(Debug, Clone, Serialize)]
pub struct UpcomingDraft {
    pub date: NaiveDate,
    pub coverage_month: Month,
    pub amount: Money,
    pub method: String,
    /// The idempotency key it will be sent under.
    pub reference: String,
}

impl AutopayView {
    /// One line for `status`: `on: Visa ending 4242, what is due on the 22nd; next 2027-01-22 $232.00`.
    pub fn line(&self) -> String {
        if !self.enabled {
            return "off".into();
        }
        let mut text = format!("on: {}", self.method.as_deref().unwrap_or("-"));
        if let Some(fallback) = &self.fallback {
            text.push_str(&format!(" (fallback {fallback})"));
        }
        let what = match (self.amount, self.fixed_amount) {
            (_, Some(fixed)) => fixed.dollars(),
            (Some("premium"), _) => "the month's premium".into(),
            _ => "what is due".into(),
        };
        text.push_str(&format!(", {what} on day {} of the month before", self.draft_day.unwrap_or_default()));
        match (self.next_draft_date, self.next_draft_amount, self.next_draft_month) {
            (Some(date), Some(amount), Some(month)) => {
                text.push_str(&format!("; next draft {date}: {} for {month}", amount.dollars()))
            }
            _ => text.push_str("; no draft ahead"),
        }
        text
    }
}

/// An account's autopay and the drafts ahead, money in flight counted as
/// paid. `snap`, the account as of the clock, is used as it is when no
/// attempt is in flight (`status` has it already).
pub fn view(
    ctx: &Context,
    conn: &Connection,
    account: &Account,
    snap: Option<&Snapshot>,
) -> Result<(AutopayView, Vec<UpcomingDraft>)> {
    let Some(autopay) = store::get(conn, account.rowid)?.filter(|a| a.enabled) else {
        return Ok((AutopayView::default(), Vec::new()));
    };
    let fresh;
    let snap = match snap {
        Some(snap) if payments::unsettled(conn, account.rowid)?.is_empty() => snap,
        _ => {
            let periods = plans::for_account(conn, account.rowid)?;
            let facts = payments::facts_with_in_flight(conn, account.rowid)?;
            fresh = evaluate(&periods, &facts, ctx.policy(), ctx.as_of);
            &fresh
        }
    };
    // One read of the drafts so far: what is planned, and each draft's next try.
    let drafts = store::drafts_for(conn, account.rowid)?;
    let planned = planned_after(ctx, &autopay, snap, &drafts);
    let method_label =
        |id: i64| -> Result<String> { Ok(methods::get(conn, id)?.map_or_else(|| "-".into(), |m| label(&m))) };
    let first = planned.first();
    let view = AutopayView {
        enabled: true,
        method: Some(method_label(autopay.method_id)?),
        method_id: Some(autopay.method_id),
        fallback: autopay.fallback_id.map(method_label).transpose()?,
        fallback_id: autopay.fallback_id,
        draft_day: Some(autopay.draft_day(ctx.policy())),
        amount: Some(autopay.amount.as_str()),
        fixed_amount: autopay.amount.fixed(),
        start_month: Some(autopay.start),
        next_draft_date: first.map(|p| p.date),
        next_draft_amount: first.map(|p| p.amount),
        next_draft_month: first.map(|p| p.month),
    };
    let method = view.method.clone().unwrap_or_default();
    let tries: HashMap<Month, u32> = drafts.iter().map(|d| (d.month, d.tries)).collect();
    let upcoming = planned
        .into_iter()
        .map(|p| UpcomingDraft {
            date: p.date,
            coverage_month: p.month,
            amount: p.amount,
            method: method.clone(),
            reference: store::key(&account.handle, p.month, tries.get(&p.month).copied().unwrap_or(0) + 1),
        })
        .collect();
    Ok((view, upcoming))
}

/// The drafts ahead of an enabled autopay, soonest first.
pub fn planned(ctx: &Context, conn: &Connection, autopay: &Autopay, snap: &Snapshot) -> Result<Vec<PlannedDraft>> {
    Ok(planned_after(ctx, autopay, snap, &store::drafts_for(conn, autopay.account_id)?))
}

/// The drafts ahead, given the account's drafts so far.
fn planned_after(ctx: &Context, autopay: &Autopay, snap: &Snapshot, drafts: &[Draft]) -> Vec<PlannedDraft> {
    let drafted: HashMap<Month, Drafted> = drafts
        .iter()
        .map(|d| {
            let state = match (d.state, d.next_try_on) {
                (DraftState::Retry, Some(on)) => Drafted::RetryOn(on),
                _ => Drafted::Done,
            };
            (d.month, state)
        })
        .collect();
    let schedule = autopay.schedule(ctx.policy());
    upcoming(&schedule, snap, |m| drafted.get(&m).copied().unwrap_or(Drafted::NotYet))
}

/// `autopay status`.
#[derive(Debug, Serialize)]
struct StatusView {
    account: String,
    #[serde(flatten)]
    autopay: AutopayView,
    upcoming: Vec<UpcomingDraft>,
}

fn status(ctx: &Context) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let (autopay, upcoming) = view(ctx, ledger.conn(), &account, None)?;
    let mut text = format!("autopay for {}: {}", account.handle, autopay.line());
    for u in &upcoming {
        text.push_str(&format!(
            "\n  {}  {:>10}  for {}  from {}  ({})",
            u.date,
            u.amount.dollars(),
            u.coverage_month,
            u.method,
            u.reference
        ));
    }
    if !autopay.enabled {
        text.push_str("\nturn it on with `hcpay autopay enable --method ID`");
    }
    let json = serde_json::to_value(StatusView { account: account.handle.clone(), autopay, upcoming })?;
    Ok(Output::Doc { text, json }.into())
}

fn disable(ctx: &Context) -> Result<Outcome> {
    let mut ledger = ctx.ledger()?;
    let account = accounts::resolve(ledger.conn(), ctx.account())?;
    let Some(mut autopay) = store::get(ledger.conn(), account.rowid)?.filter(|a| a.enabled) else {
        let text = format!("autopay is already off for {}", account.handle);
        let json = serde_json::to_value(StatusView {
            account: account.handle,
            autopay: AutopayView::default(),
            upcoming: vec![],
        })?;
        return Ok(Output::Done { text, json }.into());
    };
    autopay.enabled = false;
    autopay.version += 1;
    autopay.changed_on = ctx.as_of;
    let text = format!("autopay is off for {}: nothing more will be drafted", account.handle);
    ledger.write(|tx| {
        store::put(tx, &autopay)?;
        let cancelled = store::cancel_retries(tx, account.rowid, ctx.as_of)?;
        let alert = NewAlert::new(
            AlertKind::AutopayDisabled,
            &[&account.handle, &autopay.version],
            format!(
                "{}: autopay was turned off on {}; pay each bill by its due date with `{}`, or turn it on again with `{}`",
                account.handle,
                ctx.as_of,
                command(&account.handle, "pay due"),
                command(&account.handle, "autopay enable --method ID")
            ),
        );
        crate::alerts::raise(tx, &ctx.config.alerts, Some(account.rowid), &alert, ctx.as_of)?;
        let detail = format!("autopay turned off ({cancelled} retries cancelled)");
        audit::append(tx, ctx.clock(), Some(account.rowid), "autopay disable", &detail)
    })?;
    let json = serde_json::to_value(StatusView {
        account: account.handle,
        autopay: AutopayView::default(),
        upcoming: vec![],
    })?;
    Ok(Output::Done { text, json }.into())
}
