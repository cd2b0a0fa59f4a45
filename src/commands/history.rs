//! `history`: everything that happened to an account, newest first.

use std::collections::HashMap;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rusqlite::Connection;

use super::{snapshot, Outcome};
use crate::cli::date_arg;
use crate::context::Context;
use crate::core::billing::adjustments;
use crate::core::coverage::Snapshot;
use crate::core::dates::Month;
use crate::ledger::accounts::{self, Account};
use crate::ledger::payments::{self, Payment};
use crate::ledger::{audit, methods, plans};
use crate::render::{Cell, Listing, Output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Payment,
    Invoice,
    Refund,
    Audit,
    All,
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
    /// Only events in this state (succeeded, failed, unknown, open, paid, void...)
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// At most this many rows
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// What is ahead instead: due dates (and drafts) after the clock
    #[arg(long)]
    pub upcoming: bool,
}

pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "ID"),
    ("date", "Date"),
    ("kind", "Kind"),
    ("amount", "Amount"),
    ("status", "Status"),
    ("failure_code", "Failure"),
    ("method", "Method"),
    ("coverage_month", "Month"),
    ("reference", "Reference"),
    ("detail", "Detail"),
];

/// One event, in the columns above.
struct Event {
    date: NaiveDate,
    status: Option<String>,
    cells: Vec<Cell>,
}

/// How a payment is shown in `history`, `pay` and `receipt`.
pub fn payment_cells(conn: &Connection, p: &Payment, snap: &Snapshot) -> Result<Vec<Cell>> {
    let method = match p.method_id {
        Some(id) => methods::get(conn, id)?.map(|m| crate::commands::method::label(&m)),
        None => p.via.clone(),
    };
    Ok(payment_row(p, method, snap))
}

/// The cells of a payment whose method is already named.
fn payment_row(p: &Payment, method: Option<String>, snap: &Snapshot) -> Vec<Cell> {
    let oldest: Option<Month> = snap.allocations.iter().filter(|a| a.payment_id == p.id).map(|a| a.month).min();
    let detail = match (&p.void_reason, &p.memo) {
        (Some(reason), _) => Some(format!("void: {reason}")),
        (None, memo) => memo.clone(),
    };
    vec![
        Cell::Int(p.id),
        p.paid_on.to_string().into(),
        "payment".into(),
        p.amount.into(),
        p.status.as_str().into(),
        Cell::opt(p.failure_code.clone()),
        Cell::opt(method),
        Cell::opt(oldest),
        Cell::opt(p.reference_label()),
        Cell::opt(detail),
    ]
}

/// A one-row listing's JSON object, for commands that show one payment.
pub fn payment_json(conn: &Connection, p: &Payment, snap: &Snapshot) -> Result<serde_json::Value> {
    let mut listing = Listing::new(COLUMNS, "");
    listing.push(payment_cells(conn, p, snap)?);
    Ok(listing.to_json()[0].clone())
}

pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<Outcome> {
    let ledger = ctx.ledger()?;
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
            && args.status.as_deref().is_none_or(|s| e.status.as_deref() == Some(s))
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
    let mut listing = Listing::new(COLUMNS, if args.upcoming { "nothing ahead" } else { "no history yet" });
    for e in events {
        listing.push(e.cells);
    }
    Ok(listing)
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
        for p in payments::for_account(conn, account.rowid)? {
            let method = match p.method_id {
                Some(id) => labels.get(&id).cloned(),
                None => p.via.clone(),
            };
            events.push(Event {
                date: p.paid_on,
                status: Some(p.status.to_string()),
                cells: payment_row(&p, method, snap),
            });
        }
    }
    if wanted(args, Kind::Refund) {
        for r in payments::refunds_for_account(conn, account.rowid)? {
            events.push(Event {
                date: r.refunded_on,
                status: Some(r.status.to_string()),
                cells: vec![
                    Cell::Int(r.id),
                    r.refunded_on.to_string().into(),
                    "refund".into(),
                    r.amount.into(),
                    r.status.as_str().into(),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::opt(r.reference.clone().or(Some(r.idempotency_key.clone()))),
                    format!("refund of payment {}", r.payment_id).into(),
                ],
            });
        }
    }
    if wanted(args, Kind::Invoice) {
        for b in &snap.bills {
            events.push(Event {
                date: b.statement_date,
                status: Some(b.state.as_str().to_string()),
                cells: vec![
                    Cell::Null,
                    b.statement_date.to_string().into(),
                    "invoice".into(),
                    b.amount.into(),
                    b.state.as_str().into(),
                    Cell::Null,
                    Cell::Null,
                    b.month.to_string().into(),
                    Cell::Null,
                    format!("{} bill due {}", b.line, b.due_date).into(),
                ],
            });
        }
        let periods = plans::for_account(conn, account.rowid)?;
        for a in adjustments(&periods, ctx.policy()).into_iter().filter(|a| a.on <= ctx.as_of) {
            events.push(Event {
                date: a.on,
                status: Some("adjusted".into()),
                cells: vec![
                    Cell::Null,
                    a.on.to_string().into(),
                    "adjustment".into(),
                    (a.to - a.from).into(),
                    "adjusted".into(),
                    Cell::Null,
                    Cell::Null,
                    a.month.to_string().into(),
                    Cell::Null,
                    format!("{} bill re-priced from {} to {}", a.line, a.from.dollars(), a.to.dollars()).into(),
                ],
            });
        }
    }
    if wanted(args, Kind::Audit) {
        for entry in audit::for_account(conn, account.rowid)? {
            events.push(Event {
                date: entry.as_of,
                status: None,
                cells: vec![
                    Cell::Int(entry.id),
                    entry.as_of.to_string().into(),
                    "audit".into(),
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    Cell::Null,
                    entry.command.into(),
                    format!("{} (at {})", entry.detail, entry.at).into(),
                ],
            });
        }
    }
    Ok(events)
}

/// Due dates ahead, and autopay's drafts.
fn upcoming(ctx: &Context, conn: &Connection, account: &Account, snap: &Snapshot) -> Result<Vec<Event>> {
    let (_, drafts) = super::autopay::view(ctx, conn, account, Some(snap))?;
    let drafts = drafts.into_iter().map(|d| Event {
        date: d.date,
        status: Some("scheduled".into()),
        cells: vec![
            Cell::Null,
            d.date.to_string().into(),
            "draft".into(),
            d.amount.into(),
            "scheduled".into(),
            Cell::Null,
            d.method.into(),
            d.coverage_month.to_string().into(),
            d.reference.into(),
            "autopay draft".into(),
        ],
    });
    let dues = snap
        .upcoming
        .iter()
        .chain(snap.bills.iter().filter(|b| b.due_date >= snap.as_of && b.open.is_positive()))
        .map(|b| Event {
            date: b.due_date,
            status: Some("due".into()),
            cells: vec![
                Cell::Null,
                b.due_date.to_string().into(),
                "due".into(),
                b.open.into(),
                "due".into(),
                Cell::Null,
                Cell::Null,
                b.month.to_string().into(),
                Cell::Null,
                format!("{} bill of {} (issued {})", b.line, b.amount.dollars(), b.statement_date).into(),
            ],
        })
        .collect::<Vec<_>>();
    Ok(dues.into_iter().chain(drafts).collect())
}
