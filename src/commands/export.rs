//! `export journal`: bills and payments as a plain-text-accounting journal
//! that `hledger` and `ledger` read as it is, so premiums join a user's books.
//!
//! The journal is the ledger as of the clock: each bill at its amount (the
//! member's share; void bills left out) on its statement date, each payment
//! that counts on its date, posted to the bills it pays now and the rest to
//! the credit the exchange holds, and refunds and bank returns taking money
//! back out of that credit. So the books agree with hcpay: a line's
//! liability is minus what is due on it, the prepaid account is the credit.
//!
//! Accounts (ACCOUNT is the hcpay account, LINE health or dental):
//! - `expenses:health:premiums` — the member's share of each bill;
//! - `liabilities:premiums:ACCOUNT:LINE` — billed, less paid;
//! - `assets:prepaid:premiums:ACCOUNT` — money paid beyond the bills (credit);
//! - where the money came from: `assets:bank:KIND-LAST4` or
//!   `liabilities:card:BRAND-LAST4` for a method, `assets:paid:VIA` for a
//!   payment made elsewhere (`check`, `portal`, ...; `other` when not said).

use std::fmt::Write as _;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::Outcome;
use crate::cli::{date_arg, Format};
use crate::context::Context;
use crate::core::billing::Line;
use crate::core::coverage::{evaluate, BillState, Snapshot};
use crate::core::money::Money;
use crate::core::payment::PaymentStatus;
use crate::error::invalid;
use crate::ledger::accounts;
use crate::ledger::methods::Method;
use crate::ledger::payments::Payment;
use crate::ledger::stream::{each_account, AccountRows, Detail};
use crate::render::{Output, Stream};

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Bills and payments as a journal for hledger and ledger (every account, or --account),
    /// on stdout
    Journal(JournalArgs),
}

#[derive(Debug, Args)]
pub struct JournalArgs {
    /// Entries from this date on
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub since: Option<NaiveDate>,
    /// Entries up to this date [default: the clock]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    pub until: Option<NaiveDate>,
}

pub fn run(ctx: &Context, cmd: &ExportCommand) -> Result<Outcome> {
    let ExportCommand::Journal(args) = cmd;
    if ctx.format != Format::Table {
        return Err(invalid("export journal writes a journal; --format and --json do not apply").into());
    }
    let since = args.since.unwrap_or(NaiveDate::MIN);
    let until = args.until.unwrap_or(ctx.as_of).min(ctx.as_of);
    if since > until {
        return Err(invalid(format!("--since {since} is after --until {until}")).into());
    }
    let ledger = ctx.ledger_read_only()?;
    let only = match ctx.account() {
        Some(handle) => Some(accounts::resolve(ledger.conn(), Some(handle))?.rowid),
        None => None,
    };
    let mut out = Stream::stdout();
    out.write(&format!("; hcpay journal as of {}: bills and payments (hcpay export journal)\n", ctx.as_of))?;
    each_account(ledger.conn(), only, Detail::Full, |rows| {
        let snap = evaluate(&rows.periods, &rows.facts, ctx.policy(), ctx.as_of);
        out.write(&journal(&rows, &snap, (since, until)))?;
        Ok(())
    })?;
    out.finish()?;
    Ok(Output::Written.into())
}

/// One dated entry: its header line and its postings (account, amount).
struct Entry {
    date: NaiveDate,
    /// Bills before payments on the same day, then in the order made.
    order: (u8, i64),
    description: String,
    tags: Vec<(&'static str, String)>,
    postings: Vec<(String, Money)>,
}

/// One account's entries dated within `window`, oldest first.
fn journal(rows: &AccountRows, snap: &Snapshot, window: (NaiveDate, NaiveDate)) -> String {
    let handle = &rows.account.handle;
    let owed = |line: Line| format!("liabilities:premiums:{handle}:{line}");
    let prepaid = format!("assets:prepaid:premiums:{handle}");
    let mut entries = Vec::new();
    for bill in snap.bills.iter().filter(|b| b.state != BillState::Void && b.amount.is_positive()) {
        entries.push(Entry {
            date: bill.statement_date,
            order: (0, 0),
            description: format!("{handle}: {} premium for {}", bill.line, bill.month),
            tags: vec![
                ("month", bill.month.to_string()),
                ("line", bill.line.to_string()),
                ("due", bill.due_date.to_string()),
                ("premium", bill.gross.to_string()),
                ("aptc", bill.aptc.to_string()),
            ],
            postings: vec![("expenses:health:premiums".to_string(), bill.amount), (owed(bill.line), -bill.amount)],
        });
    }
    for payment in rows.payments.iter().filter(|p| p.status.counts()) {
        let source = source(payment, &rows.methods);
        let mut postings = Vec::new();
        let mut allocated = Money::ZERO;
        for line in Line::ALL {
            let paid: Money = snap
                .allocations
                .iter()
                .filter(|a| a.payment_id == payment.id && a.line == line)
                .map(|a| a.amount)
                .sum();
            if paid.is_positive() {
                postings.push((owed(line), paid));
                allocated += paid;
            }
        }
        if allocated < payment.amount {
            postings.push((prepaid.clone(), payment.amount - allocated));
        }
        postings.push((source.clone(), -payment.amount));
        entries.push(Entry {
            date: payment.paid_on,
            order: (1, payment.id),
            description: format!("{handle}: payment {}", payment.id),
            tags: payment_tags(payment),
            postings,
        });
        // Money that left again: refunds, then a bank return of what was left.
        let mut left = payment.amount;
        for refund in rows.refunds.iter().filter(|r| r.payment_id == payment.id && r.status == PaymentStatus::Succeeded)
        {
            left -= refund.amount;
            entries.push(Entry {
                date: refund.refunded_on,
                order: (2, refund.id),
                description: format!("{handle}: refund of payment {}", payment.id),
                tags: vec![("payment", payment.id.to_string()), ("key", refund.idempotency_key.clone())],
                postings: vec![(source.clone(), refund.amount), (prepaid.clone(), -refund.amount)],
            });
        }
        if let (Some(on), true) = (payment.reversed_on, left.is_positive()) {
            entries.push(Entry {
                date: on,
                order: (3, payment.id),
                description: format!("{handle}: payment {} returned", payment.id),
                tags: vec![("payment", payment.id.to_string())],
                postings: vec![(source, left), (prepaid.clone(), -left)],
            });
        }
    }
    entries.retain(|e| (window.0..=window.1).contains(&e.date));
    entries.sort_by_key(|e| (e.date, e.order));
    let mut text = String::new();
    for entry in &entries {
        let _ = write!(text, "\n{} * {}\n", entry.date, entry.description);
        for (tag, value) in &entry.tags {
            let _ = writeln!(text, "    ; {tag}: {value}");
        }
        for (account, amount) in &entry.postings {
            let _ = writeln!(text, "    {account:<44}  {:>12}", amount_text(*amount));
        }
    }
    text
}

/// `$202.00`, `$-202.00`: the form both hledger and ledger read, no thousands separator.
fn amount_text(amount: Money) -> String {
    if amount.cents() < 0 {
        format!("$-{}", -amount)
    } else {
        format!("${amount}")
    }
}

fn payment_tags(p: &Payment) -> Vec<(&'static str, String)> {
    let mut tags = vec![("payment", p.id.to_string())];
    tags.extend(p.confirmation.clone().map(|c| ("confirmation", c)));
    tags.extend(p.idempotency_key.clone().map(|k| ("key", k)));
    tags.extend(p.reference.clone().map(|r| ("reference", r)));
    tags
}

/// Where a payment's money came from, as a journal account.
fn source(p: &Payment, methods: &[Method]) -> String {
    match p.method_id.and_then(|id| methods.iter().find(|m| m.id == id)) {
        Some(m) => {
            let root = match m.kind() {
                crate::core::policy::MethodKind::Bank => "assets:bank",
                crate::core::policy::MethodKind::Card => "liabilities:card",
            };
            format!("{root}:{}-{}", segment(m.brand.as_str()), segment(&m.last4))
        }
        None => format!("assets:paid:{}", segment(p.via.as_deref().filter(|v| *v != "gateway").unwrap_or("other"))),
    }
}

/// Text as one segment of a journal account name: lowercase letters, digits and dashes.
fn segment(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}
