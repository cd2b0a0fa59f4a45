//! `history`: everything that happened to an account, newest first.

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rusqlite::Connection;
use serde::Serialize;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

use super::autopay::UpcomingDraft;
use super::{snapshot, Outcome};
use crate::cli::{choice, date_arg};
use crate::context::Context;
use crate::core::billing::{adjustments, Adjustment, Line};
use crate::core::coverage::{Bill, PaidTo, Snapshot};
use crate::core::dates::Month;
use crate::core::money::Money;
use crate::ledger::accounts::{self, Account};
use crate::ledger::payments::{self, Payment, Refund};
use crate::ledger::{audit, methods, plans};
use crate::render::{Column, Listing, Output, Row};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Payment,
    Invoice,
    Refund,
    Audit,
    All,
}

/// What `--status` picks: a payment's or refund's status, a bill's state,
/// `adjusted` (a bill re-priced) or, with `--upcoming`, `due`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, EnumString, IntoStaticStr, VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum Status {
    Pending,
    Succeeded,
    Failed,
    Unknown,
    Returned,
    Refunded,
    Void,
    Open,
    Partial,
    Paid,
    Adjusted,
    Due,
    /// An autopay draft ahead (`--upcoming`).
    Scheduled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// From this date on
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub since: Option<NaiveDate>,
    /// Up to this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
    /// Which events [default: payments, invoices and refunds; `all` adds the audit log]
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Only events in this state
    #[arg(long, value_name = "S", value_parser = choice::<Status>())]
    pub status: Option<Status>,
    /// At most this many rows
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// What is ahead instead: due dates (and drafts) after the clock
    #[arg(long)]
    pub upcoming: bool,
}

/// One event of `history` (DESIGN §3: a table row, a JSON object, a CSV
/// record). `pay` and `receipt` show a payment the same way.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    id: Option<i64>,
    date: NaiveDate,
    kind: &'static str,
    amount: Option<Money>,
    status: Option<String>,
    failure_code: Option<String>,
    method: Option<String>,
    /// For a payment, the oldest month it paid.
    coverage_month: Option<Month>,
    reference: Option<String>,
    detail: Option<String>,
}

impl Row for Event {
    const COLUMNS: &'static [Column] = &[
        Column::text("id", "ID"),
        Column::text("date", "Date"),
        Column::text("kind", "Kind"),
        Column::money("amount", "Amount"),
        Column::state("status", "Status"),
        Column::text("failure_code", "Failure"),
        Column::text("method", "Method"),
        Column::text("coverage_month", "Month"),
        Column::text("reference", "Reference"),
        Column::text("detail", "Detail"),
    ];
}

impl Event {
    /// An event with nothing but its date and kind; the rest is filled in.
    fn on(date: NaiveDate, kind: &'static str) -> Event {
        Event {
            id: None,
            date,
            kind,
            amount: None,
            status: None,
            failure_code: None,
            method: None,
            coverage_month: None,
            reference: None,
            detail: None,
        }
    }

    /// A payment, paid with the method named `method`.
    fn payment(p: &Payment, method: Option<String>, snap: &Snapshot) -> Event {
        let oldest = snap.allocations.iter().filter(|a| a.payment_id == p.id).map(|a| a.month).min();
        let detail = match (&p.void_reason, &p.memo) {
            (Some(reason), _) => Some(format!("void: {reason}")),
            (None, memo) => memo.clone(),
        };
        Event {
            id: Some(p.id),
            amount: Some(p.amount),
            status: Some(p.status.to_string()),
            failure_code: p.failure_code.clone(),
            method,
            coverage_month: oldest,
            reference: p.reference_label().map(str::to_string),
            detail,
            ..Event::on(p.paid_on, "payment")
        }
    }

    fn refund(r: &Refund) -> Event {
        Event {
            id: Some(r.id),
            amount: Some(r.amount),
            status: Some(r.status.to_string()),
            failure_code: r.failure_code.clone(),
            reference: Some(r.reference.clone().unwrap_or_else(|| r.idempotency_key.clone())),
            detail: Some(format!("refund of payment {}", r.payment_id)),
            ..Event::on(r.refunded_on, "refund")
        }
    }

    fn invoice(b: &Bill) -> Event {
        Event {
            amount: Some(b.amount),
            status: Some(b.state.as_str().to_string()),
            coverage_month: Some(b.month),
            detail: Some(format!("{} bill due {}", b.line, b.due_date)),
            ..Event::on(b.statement_date, "invoice")
        }
    }

    fn adjustment(a: &Adjustment) -> Event {
        Event {
            amount: Some(a.to - a.from),
            status: Some("adjusted".into()),
            coverage_month: Some(a.month),
            detail: Some(format!("{} bill re-priced from {} to {}", a.line, a.from.dollars(), a.to.dollars())),
            ..Event::on(a.on, "adjustment")
        }
    }

    fn audit(entry: audit::Entry) -> Event {
        Event {
            id: Some(entry.id),
            reference: Some(entry.command),
            detail: Some(format!("{} (at {})", entry.detail, entry.at)),
            ..Event::on(entry.as_of, "audit")
        }
    }

    /// An autopay draft ahead.
    fn draft(d: UpcomingDraft) -> Event {
        Event {
            amount: Some(d.amount),
            status: Some("scheduled".into()),
            method: Some(d.method),
            coverage_month: Some(d.coverage_month),
            reference: Some(d.reference),
            detail: Some("autopay draft".into()),
            ..Event::on(d.date, "draft")
        }
    }

    /// A bill due ahead, with what is still open of it.
    fn due(b: &Bill) -> Event {
        Event {
            amount: Some(b.open),
            status: Some("due".into()),
            coverage_month: Some(b.month),
            detail: Some(format!("{} bill of {} (issued {})", b.line, b.amount.dollars(), b.statement_date)),
            ..Event::on(b.due_date, "due")
        }
    }
}

/// Money from one payment to one bill, as `pay` and `receipt` show it.
#[derive(Debug, Clone, Serialize)]
pub struct Allocation {
    coverage_month: Month,
    line: Line,
    amount: Money,
}

impl From<&PaidTo> for Allocation {
    fn from(a: &PaidTo) -> Allocation {
        Allocation { coverage_month: a.month, line: a.line, amount: a.amount }
    }
}

impl Allocation {
    /// What payment `id` paid, oldest bill first.
    pub fn of(snap: &Snapshot, id: i64) -> Vec<Allocation> {
        snap.allocations.iter().filter(|a| a.payment_id == id).map(Allocation::from).collect()
    }
}

/// One indented line per bill paid, for a person.
pub fn allocation_lines(paid: &[Allocation]) -> String {
    paid.iter().map(|a| format!("\n  {} {:<6} {}", a.coverage_month, a.line, a.amount.dollars())).collect()
}

/// A payment as `history` shows it, for `pay` and `receipt`.
pub fn payment_event(conn: &Connection, p: &Payment, snap: &Snapshot) -> Result<Event> {
    let method = match p.method_id {
        Some(id) => methods::get(conn, id)?.map(|m| crate::commands::method::label(&m)),
        None => p.via.map(|v| v.to_string()),
    };
    Ok(Event::payment(p, method, snap))
}

pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<Outcome> {
    let ledger = ctx.ledger_read_only()?;
    let conn = ledger.conn();
    let account = accounts::resolve(conn, ctx.account())?;
    let snap = snapshot(ctx, conn, &account)?;
    Ok(Output::List(listing(ctx, conn, &account, &snap, args)?).into())
}

/// One account's events, filtered, sorted and limited as `args` says.
pub fn listing(
    ctx: &Context,
    conn: &Connection,
    account: &Account,
    snap: &Snapshot,
    args: &HistoryArgs,
) -> Result<Listing> {
    let mut events =
        if args.upcoming { upcoming(ctx, conn, account, snap)? } else { past(ctx, conn, account, snap, args)? };
    events.retain(|e| {
        args.since.is_none_or(|s| e.date >= s)
            && args.until.is_none_or(|u| e.date <= u)
            && args.status.is_none_or(|s| e.status.as_deref() == Some(s.as_str()))
    });
    // Newest first; what is ahead, soonest first.
    if args.upcoming {
        events.sort_by_key(|e| e.date);
    } else {
        events.sort_by_key(|e| std::cmp::Reverse(e.date));
    }
    if let Some(limit) = args.limit {
        events.truncate(limit);
    }
    Ok(Listing::of(&events, if args.upcoming { "nothing ahead" } else { "no history yet" }))
}

fn wanted(args: &HistoryArgs, kind: Kind) -> bool {
    match args.kind {
        None => kind != Kind::Audit,
        Some(Kind::All) => true,
        Some(k) => k == kind,
    }
}

fn past(
    ctx: &Context,
    conn: &Connection,
    account: &Account,
    snap: &Snapshot,
    args: &HistoryArgs,
) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    if wanted(args, Kind::Payment) {
        // One query for the account's methods (removed ones too), not one per payment.
        let labels: HashMap<i64, String> = methods::all_for_account(conn, account.rowid)?
            .iter()
            .map(|m| (m.id, crate::commands::method::label(m)))
            .collect();
        let paid = payments::for_account(conn, account.rowid)
            .with_context(|| format!("reading the payments of {}", account.handle))?;
        for p in paid {
            let method = match p.method_id {
                Some(id) => labels.get(&id).cloned(),
                None => p.via.map(|v| v.to_string()),
            };
            events.push(Event::payment(&p, method, snap));
        }
    }
    if wanted(args, Kind::Refund) {
        let refunds = payments::refunds_for_account(conn, account.rowid)
            .with_context(|| format!("reading the refunds of {}", account.handle))?;
        events.extend(refunds.iter().map(Event::refund));
    }
    if wanted(args, Kind::Invoice) {
        events.extend(snap.bills.iter().map(Event::invoice));
        let periods = plans::for_account(conn, account.rowid)?;
        let adjusted = adjustments(&periods, ctx.policy());
        events.extend(adjusted.iter().filter(|a| a.on <= ctx.as_of).map(Event::adjustment));
    }
    if wanted(args, Kind::Audit) {
        let entries = audit::for_account(conn, account.rowid)
            .with_context(|| format!("reading the audit log of {}", account.handle))?;
        events.extend(entries.into_iter().map(Event::audit));
    }
    Ok(events)
}

/// Due dates ahead, and autopay's drafts.
fn upcoming(ctx: &Context, conn: &Connection, account: &Account, snap: &Snapshot) -> Result<Vec<Event>> {
    let (_, drafts) = super::autopay::view(ctx, conn, account, Some(snap))?;
    let dues =
        snap.upcoming.iter().chain(snap.bills.iter().filter(|b| b.due_date >= snap.as_of && b.open.is_positive()));
    Ok(dues.map(Event::due).chain(drafts.into_iter().map(Event::draft)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::coverage::BillState;
    use crate::core::payment::PaymentStatus;

    #[test]
    fn every_status_an_event_can_have_can_be_picked() {
        let bill_states =
            [BillState::Open, BillState::Partial, BillState::Paid, BillState::Void].map(BillState::as_str);
        for name in PaymentStatus::VARIANTS.iter().chain(&bill_states).chain(&["adjusted", "due", "scheduled"]) {
            assert_eq!(name.parse::<Status>().map(Status::as_str), Ok(*name));
        }
    }
}
