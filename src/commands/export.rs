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
        None => format!("assets:paid:{}", segment(p.via.map_or("other", crate::core::payment::Via::as_str))),
    }
}

/// Text as one segment of a journal account name: lowercase letters, digits and dashes.
fn segment(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::billing::{PeriodKind, Program, Rate, RatePeriod};
    use crate::core::coverage::PaymentFacts;
    use crate::core::dates::{parse_date, Month};
    use crate::core::method::{BankKind, Brand, MethodState};
    use crate::core::policy::Policy;
    use crate::ledger::accounts::Account;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    /// smith: health $100.00 a month from 2027-01; $100.00 by bank paid on
    /// 2026-12-20, returned on 2026-12-24.
    fn returned_payment() -> (AccountRows, Snapshot) {
        let rate = Rate::new(Money::from_cents(10_000), Money::ZERO, None, Some(Program::Unsubsidized), None, None);
        let periods = vec![RatePeriod {
            id: 1,
            line: Line::Health,
            from: Month::parse("2027-01").unwrap(),
            kind: PeriodKind::Rate(rate.unwrap()),
            recorded_on: d("2026-12-01"),
        }];
        let payment = Payment {
            id: 1,
            account_id: 1,
            created_on: d("2026-12-20"),
            paid_on: d("2026-12-20"),
            amount: Money::from_cents(10_000),
            line: None,
            status: PaymentStatus::Returned,
            failure_code: Some("R01".into()),
            method_id: Some(7),
            via: None,
            confirmation: None,
            idempotency_key: Some("pay:smith:1".into()),
            memo: None,
            reversed_on: Some(d("2026-12-24")),
            settled_on: Some(d("2026-12-20")),
            void_reason: None,
            reference: Some("SBX-1".into()),
            started_at: None,
        };
        let method = Method {
            id: 7,
            account_id: 1,
            nickname: None,
            brand: Brand::Bank(BankKind::Checking),
            last4: "6789".into(),
            exp: None,
            holder: "Jo".into(),
            zip: None,
            routing: None,
            state: MethodState::Verified,
            token: "tok".into(),
            is_default: true,
            verify_attempts: 0,
        };
        let facts = vec![PaymentFacts {
            id: 1,
            paid_on: payment.paid_on,
            amount: payment.amount,
            line: None,
            reversed_on: payment.reversed_on,
            refunds: vec![],
        }];
        let snap = evaluate(&periods, &facts, &Policy::default(), d("2026-12-26"));
        let account = Account {
            rowid: 1,
            handle: "smith".into(),
            name: "Jo".into(),
            member_id: None,
            email: None,
            phone: None,
            created_on: "2026-12-01".into(),
        };
        (AccountRows { account, periods, facts, payments: vec![payment], refunds: vec![], methods: vec![method] }, snap)
    }

    #[test]
    fn a_returned_payment_goes_to_credit_and_comes_back_out_of_it() {
        let (rows, snap) = returned_payment();
        let text = journal(&rows, &snap, (NaiveDate::MIN, d("2026-12-26")));
        let entry = |head: &str| -> Vec<String> {
            let start = text.find(head).unwrap_or_else(|| panic!("no `{head}` in:\n{text}"));
            text[start..]
                .lines()
                .skip(1)
                .take_while(|l| !l.is_empty())
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        // The bill, then the payment: all of it credit now, since its money no longer counts.
        assert_eq!(
            entry("2026-12-20 * smith: payment 1"),
            [
                "; payment: 1",
                "; key: pay:smith:1",
                "; reference: SBX-1",
                "assets:prepaid:premiums:smith $100.00",
                "assets:bank:checking-6789 $-100.00"
            ]
        );
        assert_eq!(
            entry("2026-12-24 * smith: payment 1 returned"),
            ["; payment: 1", "assets:bank:checking-6789 $100.00", "assets:prepaid:premiums:smith $-100.00"]
        );
        assert!(snap.credit.is_zero() && snap.amount_due == Money::from_cents(10_000));
        assert!(text.contains("liabilities:premiums:smith:health") && text.contains("$-100.00"), "{text}");
    }
}
